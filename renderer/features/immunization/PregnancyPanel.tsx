import { Badge, Button, Checkbox, Group, Modal, NumberInput, Paper, SegmentedControl, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import type { Pregnancy } from '../../../shared/contract/immunization.js';
import { formatDateVi } from '../../../shared/dates.js';
import type { MessageKey } from '../../../shared/i18n/index.js';
import { PREGNANCY_OUTCOMES } from '../../../shared/immunization/checklists.js';
import { api } from '../../api/client.js';
import { useApiMutation } from '../../api/hooks.js';
import { reportApiError, reportSuccess } from '../../app/feedback.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { stationToday } from '../visits/access.js';
import { DateField } from '../visits/DateField.js';

/** Pregnancies of a woman (the tetanus schedule follows them): record one by LMP or expected delivery, end one. */
export function PregnancyPanel({ personId, pregnancies, canEdit }: { personId: string; pregnancies: Pregnancy[]; canEdit: boolean }) {
  const { t } = useI18n();
  const [adding, setAdding] = useState(false);
  const [ending, setEnding] = useState<Pregnancy | null>(null);
  const ongoing = pregnancies.find((p) => p.ongoing);
  return (
    <Paper withBorder p="sm" data-testid="imm-pregnancies">
      <Group justify="space-between" mb="xs">
        <Title order={5}>{t('immui.preg.title')}</Title>
        {canEdit && !ongoing && (
          <Button size="xs" variant="light" onClick={() => setAdding(true)} data-testid="imm-preg-add">
            {t('immui.preg.add')}
          </Button>
        )}
      </Group>
      {pregnancies.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('immui.preg.none')}
        </Text>
      )}
      {pregnancies.length > 0 && (
        <Table withTableBorder>
          <Table.Tbody>
            {pregnancies.map((p) => (
              <Table.Tr key={p.id} data-testid="imm-preg-row">
                <Table.Td>
                  <Group gap={6}>
                    <Text size="sm" fw={600}>
                      {t('immui.reg.edd', { date: formatDateVi(p.expectedDelivery) })}
                    </Text>
                    {p.ongoing && (
                      <Badge color="grape" size="sm">
                        {t('immui.preg.ongoing')}
                      </Badge>
                    )}
                  </Group>
                  <Text size="xs" c="dimmed">
                    {[p.lmp && t('immui.preg.lmpOn', { date: formatDateVi(p.lmp) }), p.gravida && t('immui.preg.gravidaN', { n: p.gravida }), p.note].filter(Boolean).join(' · ')}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {p.endedOn && (
                    <Text size="sm">
                      {t('immui.preg.endedOn', { date: formatDateVi(p.endedOn) })}
                      {p.outcome ? ` · ${t(`imm.pregnancy.${p.outcome}` as MessageKey)}` : ''}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td w={130}>
                  {canEdit && !p.endedOn && (
                    <Button size="compact-xs" variant="subtle" onClick={() => setEnding(p)}>
                      {t('immui.preg.end')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {adding && <AddPregnancyModal personId={personId} onClose={() => setAdding(false)} />}
      {ending && <EndPregnancyModal motherId={personId} pregnancy={ending} onClose={() => setEnding(null)} />}
    </Paper>
  );
}

function AddPregnancyModal({ personId, onClose }: { personId: string; onClose: () => void }) {
  const { t } = useI18n();
  const record = useApiMutation('imm.recordPregnancy');
  const [lmp, setLmp] = useState('');
  const [edd, setEdd] = useState('');
  const [gravida, setGravida] = useState<number | ''>('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const submit = () =>
    record.mutate(
      { personId, lmp: lmp || undefined, expectedDelivery: edd || undefined, gravida: gravida === '' ? undefined : gravida, note: note || undefined },
      {
        onSuccess: () => (reportSuccess(t('common.saved')), onClose()),
        onError: (e) => setErrors(e.fields.length ? Object.fromEntries(e.fields.map((f) => [f.path, f.message])) : { expectedDelivery: e.message }),
      },
    );
  return (
    <Modal opened onClose={onClose} title={t('immui.preg.add')} data-testid="imm-preg-modal">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('immui.preg.hint')}
        </Text>
        <Group align="flex-start">
          <DateField label={t('immui.preg.lmp')} value={lmp} onChange={setLmp} testId="imm-preg-lmp" w={170} />
          <DateField label={t('immui.preg.edd')} value={edd} onChange={setEdd} testId="imm-preg-edd" w={170} />
        </Group>
        {(errors.expectedDelivery || errors.lmp) && (
          <Text size="xs" c="red" data-testid="imm-preg-error">
            {errors.expectedDelivery ?? errors.lmp}
          </Text>
        )}
        <NumberInput label={t('immui.preg.gravida')} min={1} max={20} w={170} value={gravida} onChange={(v) => setGravida(typeof v === 'number' ? v : '')} />
        <TextInput label={t('immui.screen.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button loading={record.isPending} onClick={submit} data-testid="imm-preg-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Ends a pregnancy; a live birth can add the newborn to the mother's household in the same step. */
function EndPregnancyModal({ motherId, pregnancy, onClose }: { motherId: string; pregnancy: Pregnancy; onClose: () => void }) {
  const { t } = useI18n();
  const end = useApiMutation('imm.endPregnancy');
  const [endedOn, setEndedOn] = useState(stationToday());
  const [outcome, setOutcome] = useState<string | null>('live_birth');
  const [addBaby, setAddBaby] = useState(true);
  const [babyName, setBabyName] = useState('');
  const [babySex, setBabySex] = useState<'M' | 'F'>('M');
  const [error, setError] = useState<string | null>(null);
  const withBaby = outcome === 'live_birth' && addBaby;
  const submit = () => {
    if (withBaby && !babyName.trim()) return setError(t('immui.preg.babyNameNeeded'));
    end.mutate(
      { id: pregnancy.id, endedOn, outcome: (outcome ?? 'other') as (typeof PREGNANCY_OUTCOMES)[number] },
      {
        onSuccess: async () => {
          if (withBaby) {
            try {
              const r = await api.call('households.addNewborn', { motherId, fullName: babyName, sex: babySex, birthDate: endedOn });
              reportSuccess(t('immui.preg.babyAdded', { name: r.person.fullName }));
            } catch (e) {
              reportApiError(e);
            }
          } else reportSuccess(t('common.saved'));
          onClose();
        },
        onError: (e) => setError(e.fields[0]?.message ?? e.message),
      },
    );
  };
  return (
    <Modal opened onClose={onClose} title={t('immui.preg.end')} data-testid="imm-preg-end-modal">
      <Stack gap="sm">
        <DateField label={t('immui.preg.endDate')} value={endedOn} onChange={setEndedOn} w={170} />
        <Select label={t('immui.preg.outcome')} value={outcome} onChange={setOutcome} data={PREGNANCY_OUTCOMES.map((o) => ({ value: o, label: t(`imm.pregnancy.${o}` as MessageKey) }))} />
        {outcome === 'live_birth' && (
          <>
            <Checkbox label={t('immui.preg.addBaby')} checked={addBaby} onChange={(e) => setAddBaby(e.currentTarget.checked)} />
            {addBaby && (
              <Group align="flex-end">
                <TextInput label={t('immui.preg.babyName')} style={{ flex: 1 }} value={babyName} onChange={(e) => setBabyName(e.currentTarget.value)} data-testid="imm-preg-baby-name" />
                <SegmentedControl
                  value={babySex}
                  onChange={(v) => setBabySex(v as 'M' | 'F')}
                  data={[
                    { value: 'M', label: t('person.sex.M') },
                    { value: 'F', label: t('person.sex.F') },
                  ]}
                />
              </Group>
            )}
          </>
        )}
        {error && (
          <Text size="xs" c="red">
            {error}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button loading={end.isPending} onClick={submit} data-testid="imm-preg-end-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
