import { ActionIcon, Anchor, Button, Group, Modal, ScrollArea, Stack, Table, Text, Textarea } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Followup } from '../../../shared/contract/ncd.js';
import { formatDateVi } from '../../../shared/dates.js';
import type { MessageKey } from '../../../shared/i18n/index.js';
import { useApiMutation } from '../../api/hooks.js';
import { reportApiError, reportSuccess } from '../../app/feedback.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { formatBp } from './format.js';
import { usePrograms } from './usePrograms.js';

/**
 * A person's follow-ups, newest first: readings, adherence, medicines dispensed, the appointment given. Clinical
 * staff can void one entered by mistake (with a reason).
 */
export function FollowupHistory({ followups, showProgram, canVoid }: { followups: readonly Followup[]; showProgram: boolean; canVoid: boolean }) {
  const { t, locale } = useI18n();
  const { nameOf, byCode } = usePrograms();
  const [voiding, setVoiding] = useState<Followup | null>(null);
  if (!followups.length) {
    return (
      <Text size="sm" c="dimmed" data-testid="ncd-history-empty">
        {t('ncdui.history.empty')}
      </Text>
    );
  }
  const extraText = (f: Followup) => {
    const defs = byCode(f.program)?.extraFields ?? [];
    return Object.entries(f.extra)
      .map(([key, value]) => {
        const def = defs.find((d) => d.key === key);
        const label = def ? (locale === 'en' ? def.labelEn : def.labelVi) : key;
        const shown =
          typeof value === 'boolean'
            ? t(value ? 'common.yes' : 'common.no')
            : def?.type === 'choice'
              ? (def.options.find((o) => o.value === value)?.[locale === 'en' ? 'labelEn' : 'labelVi'] ?? String(value))
              : `${value}${def?.type === 'number' && def.unit ? ` ${def.unit}` : ''}`;
        return `${label}: ${shown}`;
      })
      .join('; ');
  };
  return (
    <ScrollArea type="auto">
      <Table striped withTableBorder verticalSpacing={4} fz="sm" miw={900} data-testid="ncd-history">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('ncdui.history.date')}</Table.Th>
            {showProgram && <Table.Th>{t('ncdui.program')}</Table.Th>}
            <Table.Th>{t('ncdui.history.bp')}</Table.Th>
            <Table.Th>{t('ncdui.history.pulse')}</Table.Th>
            <Table.Th>{t('ncdui.history.weight')}</Table.Th>
            <Table.Th>{t('ncdui.history.glucose')}</Table.Th>
            <Table.Th>HbA1c</Table.Th>
            <Table.Th>{t('ncdui.fu.adherence')}</Table.Th>
            <Table.Th>{t('ncdui.history.notes')}</Table.Th>
            <Table.Th>{t('ncdui.fu.medicines')}</Table.Th>
            <Table.Th>{t('ncdui.history.next')}</Table.Th>
            {canVoid && <Table.Th />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {followups.map((f) => (
            <Table.Tr key={f.id} data-testid="ncd-history-row">
              <Table.Td>
                {f.visitId ? (
                  <Anchor component={Link} to={`/kham-benh/luot/${f.visitId}`} size="sm">
                    {formatDateVi(f.date)}
                  </Anchor>
                ) : (
                  formatDateVi(f.date)
                )}
              </Table.Td>
              {showProgram && <Table.Td>{nameOf(f.program)}</Table.Td>}
              <Table.Td>
                <Text size="sm" fw={600}>
                  {formatBp(f.bp)}
                </Text>
                {f.bp2 && (
                  <Text size="xs" c="dimmed">
                    {formatBp(f.bp1)} · {formatBp(f.bp2)}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{f.pulse ?? ''}</Table.Td>
              <Table.Td>{f.weightKg ?? ''}</Table.Td>
              <Table.Td>
                {f.glucoseMmol != null && (
                  <>
                    {f.glucoseMmol} mmol/L
                    <Text size="xs" c="dimmed">
                      {Math.round(f.glucoseMgdl!)} mg/dL · {f.glucoseType ? t(`ncdui.glucoseType.${f.glucoseType}` as MessageKey) : ''}
                    </Text>
                  </>
                )}
              </Table.Td>
              <Table.Td>{f.hba1c != null ? `${f.hba1c} %` : ''}</Table.Td>
              <Table.Td>{f.adherence ? t(`ncdui.adherence.${f.adherence}` as MessageKey) : ''}</Table.Td>
              <Table.Td>{[f.symptoms, f.complications, extraText(f)].filter(Boolean).join(' · ')}</Table.Td>
              <Table.Td>{f.medicines.map((m) => `${m.name} × ${m.quantity} ${m.unit}`).join('; ')}</Table.Td>
              <Table.Td>{formatDateVi(f.nextAppointment)}</Table.Td>
              {canVoid && (
                <Table.Td>
                  <ActionIcon variant="subtle" color="red" aria-label={`${t('ncdui.history.void')} ${formatDateVi(f.date)}`} onClick={() => setVoiding(f)} data-testid="ncd-history-void">
                    <IconTrash size={16} />
                  </ActionIcon>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {voiding && <VoidFollowupModal followup={voiding} onClose={() => setVoiding(null)} />}
    </ScrollArea>
  );
}

function VoidFollowupModal({ followup, onClose }: { followup: Followup; onClose: () => void }) {
  const { t } = useI18n();
  const voidFollowup = useApiMutation('ncd.voidFollowup');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const save = () =>
    voidFollowup.mutate(
      { id: followup.id, reason },
      {
        onSuccess: () => (reportSuccess(t('ncdui.history.voided')), onClose()),
        onError: (e) => (setError(e.fields[0]?.message ?? null), e.fields.length === 0 && reportApiError(e)),
      },
    );
  return (
    <Modal opened onClose={onClose} title={t('ncdui.history.voidTitle', { date: formatDateVi(followup.date) })}>
      <Stack>
        <Text size="sm">{t('ncdui.history.voidHint')}</Text>
        <Textarea label={t('ncdui.history.voidReason')} withAsterisk autoFocus value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={error} data-testid="ncd-void-reason" />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button color="red" loading={voidFollowup.isPending} onClick={save} data-testid="ncd-void-save">
            {t('ncdui.history.void')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
