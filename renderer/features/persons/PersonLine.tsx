import { Badge, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { PersonSummary, SearchHit } from '../../../shared/contract/persons.js';
import type { MessageKey } from '../../../shared/i18n/index.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { formatAge, sexLabel } from './format.js';

/** The identifier a search matched, shown so the user sees why this person came up. */
export function matchedIdentifier(hit: SearchHit, t: (k: MessageKey) => string): string | null {
  switch (hit.matchedBy) {
    case 'cccd':
      return `${t('person.cccdShort')} ${hit.cccd ?? ''}`;
    case 'bhyt':
      return `${t('person.bhytShort')} ${hit.bhytCardCode ?? ''}`;
    case 'bhxh':
      return `${t('person.bhxhShort')} ${hit.bhxhNumber ?? ''}`;
    case 'phone':
      return `${t('person.phoneShort')} ${hit.phone ?? ''}`;
    case 'household':
      return `${t('household.codeShort')} ${hit.householdCode ?? ''}`;
    default:
      return null;
  }
}

export function StatusBadge({ status }: { status: PersonSummary['status'] }) {
  const { t } = useI18n();
  if (status === 'active') return null;
  const color = status === 'died' ? 'dark' : status === 'merged' ? 'grape' : 'gray';
  return (
    <Badge size="xs" color={color} variant="light">
      {t(`person.status.${status}` as MessageKey)}
    </Badge>
  );
}

/** One person in a list: name, age, sex, hamlet, head of household (and the matched identifier of a search hit). */
export function PersonLine({ person, extra }: { person: PersonSummary | SearchHit; extra?: string | null }) {
  const { t } = useI18n();
  const matched = 'matchedBy' in person ? matchedIdentifier(person, t) : null;
  return (
    <Stack gap={0}>
      <Group gap={6} wrap="nowrap">
        <Text fw={600} size="sm">
          {person.fullName}
        </Text>
        {person.allergyAlert && <IconAlertTriangle size={14} color="var(--mantine-color-red-6)" aria-label={t('person.allergyAlert')} />}
        <StatusBadge status={person.status} />
      </Group>
      <Text size="xs" c="dimmed">
        {[
          formatAge(person.birthDate, t),
          sexLabel(person.sex, t),
          person.hamletName,
          person.headName && person.relationToHead !== 'head' ? t('person.headOf', { name: person.headName }) : person.relationToHead === 'head' ? t('relation.head') : null,
          matched,
          extra,
        ]
          .filter(Boolean)
          .join(' · ')}
      </Text>
    </Stack>
  );
}
