import { Alert, Badge, Button, Group, Loader, Menu, Modal, NumberInput, Paper, SegmentedControl, Select, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAdjustments, IconBarcode, IconDots, IconHistory, IconPackageImport } from '@tabler/icons-react';
import { useState } from 'react';
import type { Lot } from '../../../shared/contract/immunization.js';
import { formatDateTimeVi, formatDateVi } from '../../../shared/dates.js';
import type { MessageKey } from '../../../shared/i18n/index.js';
import { WASTAGE_REASONS } from '../../../shared/immunization/checklists.js';
import { VACCINES, vaccineInfo } from '../../../shared/immunization/vaccines.js';
import { useApiMutation, useApiQuery } from '../../api/hooks.js';
import { reportApiError, reportSuccess } from '../../app/feedback.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { stationToday, useRole } from '../visits/access.js';
import { DateField } from '../visits/DateField.js';
import { LotScanDialog } from './LotScanDialog.js';
import { canVaccinate } from './ui.js';

const WARNING_COLOR = { near_expiry: 'orange', expired_in_stock: 'red', low_stock: 'yellow', negative: 'red' } as const;

/** Kho vắc xin: doses on hand per vaccine and lot (the ledger's sum), warnings, receiving and adjusting with a reason. */
export function StockPage() {
  const { t } = useI18n();
  const role = useRole();
  const stock = useApiQuery('imm.stock', {});
  const [receiving, setReceiving] = useState(false);
  const [adjusting, setAdjusting] = useState<Lot | null>(null);
  const [ledger, setLedger] = useState<Lot | null>(null);
  const s = stock.data;
  const edit = canVaccinate(role);
  return (
    <Stack>
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {s ? t('immui.stock.asOf', { date: formatDateVi(s.date) }) : ''}
        </Text>
        {edit && (
          <Button leftSection={<IconPackageImport size={16} />} onClick={() => setReceiving(true)} data-testid="imm-stock-receive">
            {t('immui.stock.receive')}
          </Button>
        )}
      </Group>
      {stock.isPending && <Loader />}
      {stock.error && <Alert color="red">{stock.error.message}</Alert>}
      {s?.warnings
        .filter((w) => w.kind !== 'low_stock')
        .map((w, i) => (
          <Alert key={`${w.kind}-${w.lotId ?? w.vaccineCode}-${i}`} color={WARNING_COLOR[w.kind]} py={8} data-testid="imm-stock-warning" data-kind={w.kind}>
            {w.message}
          </Alert>
        ))}
      {/* Low stock is one line for all vaccines: a station holds only some of them at a time. */}
      {s && s.warnings.some((w) => w.kind === 'low_stock') && (
        <Alert color="yellow" py={8} data-testid="imm-stock-warning" data-kind="low_stock">
          {t('immui.stock.lowList', {
            list: s.warnings
              .filter((w) => w.kind === 'low_stock')
              .map((w) => {
                const v = s.vaccines.find((x) => x.vaccineCode === w.vaccineCode);
                return v ? `${v.vaccineName} (${v.onHandDoses})` : w.vaccineCode;
              })
              .join(', '),
          })}
        </Alert>
      )}
      {s && !s.vaccines.some((v) => v.lots.length > 0 || v.onHandDoses !== 0) && <Alert color="gray">{t('immui.stock.empty')}</Alert>}
      {s && s.vaccines.some((v) => v.lots.length > 0 || v.onHandDoses !== 0) && (
        <Table withTableBorder verticalSpacing={6} data-testid="imm-stock">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('immui.col.vaccine')}</Table.Th>
              <Table.Th>{t('immui.lot.number')}</Table.Th>
              <Table.Th>{t('immui.lot.expiry')}</Table.Th>
              <Table.Th ta="right">{t('immui.lot.vialSize')}</Table.Th>
              <Table.Th ta="right">{t('immui.stock.doses')}</Table.Th>
              <Table.Th ta="right">{t('immui.stock.vials')}</Table.Th>
              <Table.Th w={60} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {/* Vaccines never received stay out of the table (the low-stock line names them). */}
            {s.vaccines.filter((v) => v.lots.length > 0 || v.onHandDoses !== 0).map((v) => [
              <Table.Tr key={v.vaccineCode} bg="gray.0" data-testid="imm-stock-vaccine" data-vaccine={v.vaccineCode}>
                <Table.Td colSpan={4}>
                  <Group gap={6}>
                    <Text fw={700}>{v.vaccineName}</Text>
                    {v.lowStock && (
                      <Badge color="yellow" size="sm">
                        {t('immui.stock.low')}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td ta="right" fw={700} data-testid="imm-stock-vaccine-doses">
                  {v.onHandDoses}
                </Table.Td>
                <Table.Td ta="right">{v.onHandVials.toLocaleString('vi-VN')}</Table.Td>
                <Table.Td />
              </Table.Tr>,
              ...v.lots.map((l) => (
                <Table.Tr key={l.id} data-testid="imm-stock-lot" data-lot={l.lotNumber}>
                  <Table.Td />
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      {l.lotNumber}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      <Text size="sm">{formatDateVi(l.expiry)}</Text>
                      {l.expired && (
                        <Badge size="xs" color="red">
                          {t('immui.lot.expired')}
                        </Badge>
                      )}
                      {l.nearExpiry && (
                        <Badge size="xs" color="orange">
                          {t('immui.lot.nearExpiry')}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td ta="right">{l.vialSize}</Table.Td>
                  <Table.Td ta="right" data-testid="imm-stock-lot-doses">
                    {l.onHandDoses}
                  </Table.Td>
                  <Table.Td ta="right">{l.onHandVials.toLocaleString('vi-VN')}</Table.Td>
                  <Table.Td>
                    <Menu position="bottom-end" withinPortal>
                      <Menu.Target>
                        <Button size="compact-sm" variant="subtle" aria-label={t('immui.stock.actions')} data-testid="imm-stock-lot-menu">
                          <IconDots size={16} />
                        </Button>
                      </Menu.Target>
                      <Menu.Dropdown>
                        <Menu.Item leftSection={<IconHistory size={14} />} onClick={() => setLedger(l)} data-testid="imm-stock-ledger">
                          {t('immui.stock.ledger')}
                        </Menu.Item>
                        {edit && (
                          <Menu.Item leftSection={<IconAdjustments size={14} />} onClick={() => setAdjusting(l)} data-testid="imm-stock-adjust">
                            {t('immui.stock.adjust')}
                          </Menu.Item>
                        )}
                      </Menu.Dropdown>
                    </Menu>
                  </Table.Td>
                </Table.Tr>
              )),
            ])}
          </Table.Tbody>
        </Table>
      )}
      <RecentMovements />
      <ReceiveStockModal opened={receiving} onClose={() => setReceiving(false)} />
      {adjusting && <AdjustStockModal lot={adjusting} onClose={() => setAdjusting(null)} />}
      {ledger && <LedgerModal lot={ledger} onClose={() => setLedger(null)} />}
    </Stack>
  );
}

function MovementsTable({ movements, showLot }: { movements: { id: string; kind: string; lotNumber: string; vaccineCode: string; doses: number; delta: number; occurredOn: string; reason: string | null; note: string | null; userName: string | null; createdAt: string }[]; showLot: boolean }) {
  const { t } = useI18n();
  return (
    <Table withTableBorder striped data-testid="imm-movements">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('immui.stock.when')}</Table.Th>
          {showLot && <Table.Th>{t('immui.lot.number')}</Table.Th>}
          <Table.Th>{t('immui.stock.kind')}</Table.Th>
          <Table.Th ta="right">{t('immui.stock.change')}</Table.Th>
          <Table.Th>{t('immui.stock.reason')}</Table.Th>
          <Table.Th>{t('immui.stock.user')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {movements.map((m) => (
          <Table.Tr key={m.id} data-testid="imm-movement" data-kind={m.kind}>
            <Table.Td>
              <Text size="sm">{formatDateVi(m.occurredOn)}</Text>
              <Text size="xs" c="dimmed">
                {formatDateTimeVi(m.createdAt).slice(11)}
              </Text>
            </Table.Td>
            {showLot && (
              <Table.Td>
                {m.vaccineCode} · {m.lotNumber}
              </Table.Td>
            )}
            <Table.Td>{t(`imm.movement.${m.kind}` as MessageKey)}</Table.Td>
            <Table.Td ta="right" c={m.delta < 0 ? 'red' : m.delta > 0 ? 'teal' : 'dimmed'} fw={600}>
              {m.delta > 0 ? `+${m.delta}` : m.delta === 0 ? `(${m.doses})` : m.delta}
            </Table.Td>
            <Table.Td>
              <Text size="sm">{[m.reason && (WASTAGE_REASONS as readonly string[]).includes(m.reason) ? t(`imm.wastage.${m.reason}` as MessageKey) : m.reason, m.note].filter(Boolean).join(' · ')}</Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{m.userName ?? ''}</Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function RecentMovements() {
  const { t } = useI18n();
  const q = useApiQuery('imm.movements', { limit: 30 });
  const rows = q.data?.movements ?? [];
  if (rows.length === 0) return null;
  return (
    <Paper withBorder p="sm">
      <Title order={5} mb="xs">
        {t('immui.stock.recent')}
      </Title>
      <MovementsTable movements={rows} showLot />
    </Paper>
  );
}

function LedgerModal({ lot, onClose }: { lot: Lot; onClose: () => void }) {
  const { t } = useI18n();
  const q = useApiQuery('imm.movements', { lotId: lot.id, limit: 500 });
  return (
    <Modal opened onClose={onClose} size="xl" title={t('immui.stock.ledgerTitle', { lot: lot.lotNumber, vaccine: lot.vaccineName })} data-testid="imm-ledger">
      <Stack>
        <Text size="sm">
          {t('immui.stock.ledgerSum', { doses: lot.onHandDoses, expiry: formatDateVi(lot.expiry) })}
        </Text>
        {q.isPending && <Loader size="sm" />}
        {q.data && <MovementsTable movements={q.data.movements} showLot={false} />}
      </Stack>
    </Modal>
  );
}

interface ReceiveValues {
  vaccineCode: string;
  lotNumber: string;
  expiry: string;
  vialSize: number | '';
  vials: number | '';
  gtin: string;
  manufacturer: string;
  receivedOn: string;
  note: string;
}

/** Nhập vắc xin: lot, expiry (typed or read from the box's DataMatrix), vial size, vials; an expired lot is refused. */
function ReceiveStockModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const receive = useApiMutation('imm.receiveStock');
  const [scan, setScan] = useState(false);
  const empty: ReceiveValues = { vaccineCode: '', lotNumber: '', expiry: '', vialSize: '', vials: '', gtin: '', manufacturer: '', receivedOn: stationToday(), note: '' };
  const form = useForm<ReceiveValues>({ initialValues: empty });
  const v = form.values;
  const submit = (values: ReceiveValues) =>
    receive.mutate(
      {
        vaccineCode: values.vaccineCode,
        lotNumber: values.lotNumber,
        expiry: values.expiry,
        vialSize: Number(values.vialSize),
        vials: Number(values.vials),
        gtin: values.gtin || undefined,
        manufacturer: values.manufacturer || undefined,
        receivedOn: values.receivedOn || undefined,
        note: values.note || undefined,
      },
      {
        onSuccess: (r) => {
          reportSuccess(t('immui.stock.received', { lot: r.lot.lotNumber, doses: r.movement.doses }));
          form.setValues(empty);
          onClose();
        },
        onError: (e) => reportApiError(e, form),
      },
    );
  return (
    <Modal opened={opened} onClose={onClose} title={t('immui.stock.receive')} size="lg" data-testid="imm-receive-modal">
      <form onSubmit={form.onSubmit(submit)}>
        <Stack gap="sm">
          <Select
            label={t('immui.col.vaccine')}
            withAsterisk
            searchable
            data={VACCINES.filter((x) => x.lowStockDoses > 0).map((x) => ({ value: x.code, label: x.name }))}
            value={v.vaccineCode || null}
            onChange={(code) => {
              form.setFieldValue('vaccineCode', code ?? '');
              if (code) form.setFieldValue('vialSize', vaccineInfo(code)?.vialSize ?? 1);
            }}
            error={form.errors.vaccineCode}
            data-testid="imm-receive-vaccine"
          />
          <Group align="flex-end" grow>
            <TextInput label={t('immui.lot.number')} withAsterisk {...form.getInputProps('lotNumber')} data-testid="imm-receive-lot" />
            <Button variant="default" leftSection={<IconBarcode size={16} />} onClick={() => setScan(true)} data-testid="imm-receive-scan" style={{ flexGrow: 0 }}>
              {t('immui.lot.scan')}
            </Button>
          </Group>
          <Group align="flex-start">
            <Stack gap={2}>
              <DateField label={t('immui.lot.expiry')} value={v.expiry} onChange={(iso) => form.setFieldValue('expiry', iso)} testId="imm-receive-expiry" w={170} />
              {form.errors.expiry && (
                <Text size="xs" c="red">
                  {form.errors.expiry}
                </Text>
              )}
            </Stack>
            <NumberInput label={t('immui.lot.vialSize')} withAsterisk min={1} max={50} w={130} {...form.getInputProps('vialSize')} data-testid="imm-receive-vial-size" />
            <NumberInput label={t('immui.stock.vialsReceived')} withAsterisk min={1} w={130} {...form.getInputProps('vials')} data-testid="imm-receive-vials" />
            <Stack gap={0} mt={26}>
              <Text size="sm" data-testid="imm-receive-total">
                = {t('immui.stock.totalDoses', { doses: Number(v.vialSize || 0) * Number(v.vials || 0) })}
              </Text>
            </Stack>
          </Group>
          <Group grow>
            <TextInput label="GTIN" {...form.getInputProps('gtin')} data-testid="imm-receive-gtin" />
            <TextInput label={t('immui.lot.manufacturer')} {...form.getInputProps('manufacturer')} />
          </Group>
          <DateField label={t('immui.stock.receivedOn')} value={v.receivedOn} onChange={(iso) => form.setFieldValue('receivedOn', iso)} w={170} />
          <Textarea label={t('immui.screen.note')} autosize minRows={1} {...form.getInputProps('note')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={receive.isPending} data-testid="imm-receive-save">
              {t('immui.stock.receiveSave')}
            </Button>
          </Group>
        </Stack>
      </form>
      <LotScanDialog
        opened={scan}
        onClose={() => setScan(false)}
        onResult={(code) => {
          if (code.lot) form.setFieldValue('lotNumber', code.lot);
          if (code.expiry) form.setFieldValue('expiry', code.expiry);
          if (code.gtin) form.setFieldValue('gtin', code.gtin);
        }}
      />
    </Modal>
  );
}

type AdjustKind = 'wasted' | 'returned' | 'issued' | 'count';

/** A movement on a lot with its reason: wasted, returned, issued to a session, or a count after stock-taking. */
function AdjustStockModal({ lot, onClose }: { lot: Lot; onClose: () => void }) {
  const { t } = useI18n();
  const adjust = useApiMutation('imm.adjustStock');
  const sessions = useApiQuery('imm.sessions', {});
  const [kind, setKind] = useState<AdjustKind>('count');
  const form = useForm({ initialValues: { doses: '' as number | '', countedDoses: '' as number | '', wastageReason: 'broken' as string | null, reason: '', sessionId: null as string | null } });
  const v = form.values;
  const submit = () =>
    adjust.mutate(
      {
        lotId: lot.id,
        kind,
        doses: kind !== 'count' && v.doses !== '' ? v.doses : undefined,
        countedDoses: kind === 'count' && v.countedDoses !== '' ? v.countedDoses : undefined,
        wastageReason: kind === 'wasted' ? ((v.wastageReason ?? 'other') as (typeof WASTAGE_REASONS)[number]) : undefined,
        reason: v.reason.trim() ? v.reason : undefined,
        sessionId: kind === 'issued' ? (v.sessionId ?? undefined) : undefined,
      },
      { onSuccess: () => (reportSuccess(t('common.saved')), onClose()), onError: (e) => reportApiError(e, form) },
    );
  return (
    <Modal opened onClose={onClose} title={t('immui.stock.adjustTitle', { lot: lot.lotNumber, vaccine: lot.vaccineName })} size="lg" data-testid="imm-adjust-modal">
      <Stack gap="sm">
        <Text size="sm">{t('immui.stock.ledgerSum', { doses: lot.onHandDoses, expiry: formatDateVi(lot.expiry) })}</Text>
        <SegmentedControl
          value={kind}
          onChange={(k) => setKind(k as AdjustKind)}
          data={(['count', 'wasted', 'returned', 'issued'] as const).map((k) => ({ value: k, label: t(`immui.stock.kind.${k}` as MessageKey) }))}
          data-testid="imm-adjust-kind"
        />
        {kind === 'count' ? (
          <NumberInput label={t('immui.stock.counted')} min={0} w={200} {...form.getInputProps('countedDoses')} data-testid="imm-adjust-counted" />
        ) : (
          <NumberInput label={t('immui.stock.dosesMoved')} min={1} w={200} {...form.getInputProps('doses')} data-testid="imm-adjust-doses" />
        )}
        {kind === 'wasted' && (
          <Select label={t('immui.stock.wastageReason')} data={WASTAGE_REASONS.map((r) => ({ value: r, label: t(`imm.wastage.${r}` as MessageKey) }))} {...form.getInputProps('wastageReason')} />
        )}
        {kind === 'issued' && (
          <Select
            label={t('immui.stock.toSession')}
            clearable
            data={(sessions.data?.sessions ?? []).filter((s) => s.status !== 'closed').map((s) => ({ value: s.id, label: `${formatDateVi(s.date)} · ${s.place}` }))}
            {...form.getInputProps('sessionId')}
          />
        )}
        <Textarea label={t('immui.stock.reason')} withAsterisk={kind === 'count'} autosize minRows={2} {...form.getInputProps('reason')} data-testid="imm-adjust-reason" />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button loading={adjust.isPending} onClick={submit} data-testid="imm-adjust-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
