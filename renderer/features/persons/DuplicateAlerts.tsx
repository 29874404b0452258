import { Alert, Anchor, Button, Checkbox, Group, Stack, Text } from '@mantine/core';
import { IconUserCheck } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { PersonSummary } from '../../../shared/contract/persons.js';
import type { MessageKey } from '../../../shared/i18n/index.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { PersonLine } from './PersonLine.js';

export type Candidate = PersonSummary & { reason: string };

/** The CCCD is already someone's: an error with a link to that record (saving is refused). */
export function CccdOwnerAlert({ owner, cccd, onOpen }: { owner: PersonSummary; cccd: string; onOpen: () => void }) {
  const { t } = useI18n();
  return (
    <Alert color="red" title={t('dup.cccdOwner.title')} data-testid="dup-cccd-owner">
      <Stack gap={6}>
        <Text size="sm">{t('error.PERSON_CCCD_DUPLICATE', { cccd, name: owner.fullName })}</Text>
        <PersonLine person={owner} />
        <Anchor component={Link} to={`/nguoi/${owner.id}`} onClick={onOpen} data-testid="dup-open-existing">
          {t('dup.openExisting')}
        </Anchor>
      </Stack>
    </Alert>
  );
}

/** Possible duplicates: the user checks the list and may confirm that this is someone else. */
export function CandidatesAlert({ candidates, onConfirm, onOpen, busy }: { candidates: Candidate[]; onConfirm: () => void; onOpen: () => void; busy: boolean }) {
  const { t } = useI18n();
  return (
    <Alert color="yellow" title={t('dup.candidates.title')} data-testid="dup-candidates">
      <Stack gap={8}>
        <Text size="sm">{t('error.PERSON_POSSIBLE_DUPLICATE')}</Text>
        {candidates.map((c) => (
          <Group key={c.id} justify="space-between" wrap="nowrap" data-testid="dup-candidate">
            <PersonLine person={c} extra={t(`dup.reason.${c.reason}` as MessageKey)} />
            <Anchor component={Link} to={`/nguoi/${c.id}`} size="sm" onClick={onOpen}>
              {t('dup.open')}
            </Anchor>
          </Group>
        ))}
        <Group>
          <Button color="yellow" variant="filled" leftSection={<IconUserCheck size={16} />} onClick={onConfirm} loading={busy} data-testid="dup-confirm">
            {t('dup.confirmDifferent')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

/** The backend found the CCCD inconsistent with sex / year of birth where the form's own check did not. */
export function ServerMismatchAlert({ message, confirmed, onConfirm }: { message: string; confirmed: boolean; onConfirm: (v: boolean) => void }) {
  const { t } = useI18n();
  return (
    <Alert color="yellow" title={t('person.cccdWarning.title')} data-testid="cccd-warning">
      <Text size="sm">{message}</Text>
      <Checkbox mt="xs" label={t('person.cccdWarning.confirm')} checked={confirmed} onChange={(e) => onConfirm(e.currentTarget.checked)} data-testid="cccd-confirm" />
    </Alert>
  );
}
