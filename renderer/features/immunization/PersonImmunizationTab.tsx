import { Alert, Badge, Button, Group, Loader, Menu, Modal, Paper, Stack, Table, Text, Textarea, Title, Tooltip } from '@mantine/core';
import { IconDots, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { Dose, SeriesCard } from '../../../shared/contract/immunization.js';
import { formatDateVi } from '../../../shared/dates.js';
import type { MessageKey } from '../../../shared/i18n/index.js';
import { useApiMutation, useApiQuery } from '../../api/hooks.js';
import { reportApiError, reportSuccess } from '../../app/feedback.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { useRole } from '../visits/access.js';
import { PregnancyPanel } from './PregnancyPanel.js';
import { RecordDoseModal } from './RecordDoseModal.js';
import { STATE_COLOR, canVaccinate, stateKey, timeVi } from './ui.js';

/**
 * Tiêm chủng on the person page: the card as on paper — one row per series, one column per dose (date, place, lot;
 * given elsewhere marked; invalid doses in red with the reason), then the next dose with its dates and status.
 */
export function PersonImmunizationTab({ personId, sex }: { personId: string; sex: 'M' | 'F' }) {
  const { t } = useI18n();
  const role = useRole();
  const q = useApiQuery('imm.personCard', { personId });
  const [recording, setRecording] = useState(false);
  const [voiding, setVoiding] = useState<Dose | null>(null);
  const edit = canVaccinate(role);
  if (q.isPending) return <Loader />;
  if (q.isError) return <Alert color="red">{q.error.message}</Alert>;
  const c = q.data;
  return (
    <Stack data-testid="imm-person-tab">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t('immui.card.asOf', { date: formatDateVi(c.date) })}
        </Text>
        {edit && (
          <Button variant="light" leftSection={<IconPlus size={16} />} onClick={() => setRecording(true)} data-testid="imm-record-elsewhere">
            {t('immui.card.recordElsewhere')}
          </Button>
        )}
      </Group>
      {c.cards.length === 0 && <Alert color="gray">{t('immui.card.noSchedule')}</Alert>}
      {c.cards.map((card) => (
        <Paper key={card.family} withBorder p="sm" data-testid="imm-card" data-family={card.family}>
          <Group justify="space-between" mb="xs">
            <Title order={5}>{t(`imm.family.${card.family}` as MessageKey)}</Title>
            <Text size="xs" c="dimmed">
              {card.scheduleTitle}
            </Text>
          </Group>
          <CardGrid series={card.series} date={c.date} canEdit={edit} onVoid={setVoiding} />
        </Paper>
      ))}
      {c.unmatched.length > 0 && (
        <Alert color="yellow" title={t('immui.card.unmatched')}>
          {c.unmatched.map((d) => `${d.vaccineName} ${formatDateVi(d.givenOn)}`).join('; ')}
        </Alert>
      )}
      {sex === 'F' && <PregnancyPanel personId={personId} pregnancies={c.pregnancies} canEdit={edit} />}
      {c.aefi.length > 0 && (
        <Paper withBorder p="sm" data-testid="imm-person-aefi">
          <Title order={5} mb="xs">
            {t('immui.card.aefi')}
          </Title>
          <Table withTableBorder>
            <Table.Tbody>
              {c.aefi.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td w={140}>
                    {formatDateVi(a.onsetAt.slice(0, 10))} {timeVi(a.onsetAt)}
                  </Table.Td>
                  <Table.Td w={160}>
                    <Badge color={a.severity === 'serious' ? 'red' : 'orange'}>{t(`imm.aefi.severity.${a.severity}` as MessageKey)}</Badge>
                  </Table.Td>
                  <Table.Td>
                    {a.vaccines.join(', ')} · {a.signs.map((s) => t(`imm.aefi.sign.${s}` as MessageKey)).join(', ')} · {t(`imm.aefi.outcome.${a.outcome}` as MessageKey)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      {c.voided.length > 0 && (
        <Text size="xs" c="dimmed" data-testid="imm-voided">
          {t('immui.card.voided')}: {c.voided.map((d) => `${d.label ?? d.vaccineName} ${formatDateVi(d.givenOn)} (${d.voidReason ?? ''})`).join('; ')}
        </Text>
      )}
      {recording && <RecordDoseModal personId={personId} person={c.person} cards={c.cards} onClose={() => setRecording(false)} />}
      {voiding && <VoidDoseModal dose={voiding} onClose={() => setVoiding(null)} />}
    </Stack>
  );
}

function DoseCell({ dose, canEdit, onVoid }: { dose: Dose; canEdit: boolean; onVoid: (d: Dose) => void }) {
  const { t } = useI18n();
  const invalid = !dose.valid;
  const body = (
    <Stack
      gap={0}
      p={4}
      style={{ borderRadius: 4, background: invalid ? 'var(--mantine-color-red-1)' : undefined, border: invalid ? '1px solid var(--mantine-color-red-5)' : undefined }}
      data-testid="imm-dose"
      data-valid={dose.valid ? 'true' : 'false'}
      data-elsewhere={dose.givenElsewhere ? 'true' : 'false'}
    >
      <Group gap={4} wrap="nowrap" justify="space-between">
        <Text size="sm" fw={600} c={invalid ? 'red.8' : undefined}>
          {formatDateVi(dose.givenOn)}
        </Text>
        {canEdit && (
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <Button size="compact-xs" variant="subtle" color="gray" aria-label={t('immui.stock.actions')}>
                <IconDots size={12} />
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item color="red" onClick={() => onVoid(dose)} data-testid="imm-dose-void">
                {t('immui.card.void')}
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        )}
      </Group>
      {dose.givenElsewhere ? (
        <Text size="xs" c="grape.8" fw={500} lh={1.25} data-testid="imm-dose-elsewhere">
          {t('immui.card.elsewhere')}: {dose.place ?? ''}
        </Text>
      ) : (
        <Text size="xs" c="dimmed">
          {dose.place ?? t('immui.card.here')}
        </Text>
      )}
      {dose.lotNumber && (
        <Text size="xs" c="dimmed">
          {t('immui.lot.short')} {dose.lotNumber}
        </Text>
      )}
      {invalid && dose.invalidReason && (
        <Text size="xs" c="red.8" fw={600} data-testid="imm-dose-invalid-reason">
          {t(`immui.invalid.${dose.invalidReason}` as MessageKey)}
        </Text>
      )}
    </Stack>
  );
  return dose.note ? <Tooltip label={dose.note}>{body}</Tooltip> : body;
}

function CardGrid({ series, date, canEdit, onVoid }: { series: SeriesCard[]; date: string; canEdit: boolean; onVoid: (d: Dose) => void }) {
  const { t } = useI18n();
  const columns = Math.max(1, ...series.map((s) => s.doseLabels.length));
  return (
    <div style={{ overflowX: 'auto' }}>
      <Table withTableBorder withColumnBorders verticalSpacing={4} data-testid="imm-card-grid">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={190}>{t('immui.card.series')}</Table.Th>
            {Array.from({ length: columns }, (_, i) => (
              <Table.Th key={i} miw={120}>
                {t('immui.card.doseN', { n: i + 1 })}
              </Table.Th>
            ))}
            <Table.Th miw={200}>{t('immui.card.next')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {series.map((s) => (
            <Table.Tr key={s.key} data-testid="imm-series" data-series={s.key} data-state={s.state}>
              <Table.Td>
                <Text size="sm" fw={600}>
                  {s.name}
                </Text>
                <Text size="xs" c="dimmed">
                  {t('immui.card.validOf', { valid: s.validDoses, total: s.totalDoses })}
                </Text>
              </Table.Td>
              {Array.from({ length: columns }, (_, i) => {
                const n = i + 1;
                const here = s.doses.filter((d) => d.doseNumber === n);
                const label = s.doseLabels[i];
                const isNext = s.next?.doseNumber === n && s.state !== 'complete';
                return (
                  <Table.Td key={n} bg={label === undefined ? 'gray.1' : undefined} style={{ verticalAlign: 'top' }}>
                    <Stack gap={4}>
                      {here.map((d) => (
                        <DoseCell key={d.id} dose={d} canEdit={canEdit} onVoid={onVoid} />
                      ))}
                      {here.every((d) => !d.valid) && label !== undefined && (
                        <Text size="xs" c={isNext ? STATE_COLOR[s.state] : 'dimmed'} fw={isNext ? 600 : undefined}>
                          {label}
                          {isNext && s.next ? ` · ${formatDateVi(s.next.due)}` : ''}
                        </Text>
                      )}
                    </Stack>
                  </Table.Td>
                );
              })}
              <Table.Td style={{ verticalAlign: 'top' }}>
                <Badge color={STATE_COLOR[s.state]} variant={s.state === 'overdue' ? 'filled' : 'light'} data-testid="imm-series-state">
                  {t(stateKey(s.state))}
                </Badge>
                {s.next && s.state !== 'complete' && s.state !== 'not-applicable' && (
                  <Stack gap={0} mt={2}>
                    <Text size="xs">
                      {s.next.label}: {t('immui.card.dueOn', { date: formatDateVi(s.next.due) })}
                    </Text>
                    {/* The earliest date matters only while it is ahead. */}
                    {s.next.earliest !== s.next.due && s.next.earliest > date && <Text size="xs" c="dimmed">{t('immui.card.earliest', { date: formatDateVi(s.next.earliest) })}</Text>}
                    {s.next.overdue && <Text size="xs" c="dimmed">{t('immui.card.overdueFrom', { date: formatDateVi(s.next.overdue) })}</Text>}
                    {s.next.expires && <Text size="xs" c="dimmed">{t('immui.card.expires', { date: formatDateVi(s.next.expires) })}</Text>}
                  </Stack>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}

function VoidDoseModal({ dose, onClose }: { dose: Dose; onClose: () => void }) {
  const { t } = useI18n();
  const voidDose = useApiMutation('imm.voidDose');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal opened onClose={onClose} title={t('immui.card.voidTitle', { dose: `${dose.label ?? dose.vaccineName} ${formatDateVi(dose.givenOn)}` })}>
      <Stack>
        <Text size="sm">{t('immui.card.voidHint')}</Text>
        <Textarea label={t('immui.stock.reason')} withAsterisk value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={error} data-testid="imm-void-reason" />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            color="red"
            loading={voidDose.isPending}
            onClick={() =>
              voidDose.mutate(
                { id: dose.id, reason },
                { onSuccess: () => (reportSuccess(t('immui.card.voided')), onClose()), onError: (e) => (setError(e.fields[0]?.message ?? null), e.fields.length === 0 && reportApiError(e)) },
              )
            }
            data-testid="imm-void-save"
          >
            {t('immui.card.void')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
