import { Alert, Badge, Button, Checkbox, Group, Modal, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBarcode, IconVaccine } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import type { BoardEntry, Lot } from '../../../shared/contract/immunization.js';
import { formatDateVi } from '../../../shared/dates.js';
import type { MessageKey } from '../../../shared/i18n/index.js';
import { INJECTION_SITES, ROUTES } from '../../../shared/immunization/checklists.js';
import { vaccineInfo } from '../../../shared/immunization/vaccines.js';
import { useApiMutation, useApiQuery } from '../../api/hooks.js';
import { reportSuccess } from '../../app/feedback.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { DateField } from '../visits/DateField.js';
import { EntryLine } from './EntryLine.js';
import type { Gs1Vaccine } from './ui.js';
import { LotScanDialog } from './LotScanDialog.js';
import { timeVi } from './ui.js';

type Site = (typeof INJECTION_SITES)[number];
type Route = (typeof ROUTES)[number];
type DueToday = BoardEntry['dueToday'][number];

/** The lot of one dose: a lot of the station's stock, or one scanned/typed that is not (needs confirmation). */
type LotChoice = { kind: 'stock'; lotId: string } | { kind: 'other'; lotNumber: string; expiry: string; gtin: string | null } | null;

interface DoseLine {
  key: string;
  due: DueToday;
  chosen: boolean;
  vaccineCode: string;
  lot: LotChoice;
  site: Site;
  route: Route;
  /** The refusal or warning shown next to the lot (expired, other vaccine, not in stock). */
  lotError: string | null;
  lotWarning: string | null;
}

const lineKey = (d: DueToday) => `${d.seriesKey}-${d.doseNumber}`;

function defaults(code: string): { site: Site; route: Route } {
  const v = vaccineInfo(code);
  return { site: (v?.defaultSite ?? 'left-thigh') as Site, route: (v?.defaultRoute ?? 'im') as Route };
}

/** The first lot of the vaccine that may be used today (earliest expiry first: use it before it expires). */
function firstUsable(lots: readonly Lot[], code: string): Lot | undefined {
  return lots.find((l) => l.vaccineCode === code && !l.expired && l.onHandDoses > 0);
}

/** hh:mm on the session day in Viet Nam time → an instant. */
function instantOf(date: string, hhmm: string): string | null {
  const m = /^(\d{1,2})[:h.](\d{2})$/.exec(hhmm.trim());
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) return null;
  return new Date(`${date}T${m[1]!.padStart(2, '0')}:${m[2]}:00+07:00`).toISOString();
}

/**
 * Tiêm chủng: tick the doses given today (the due ones are ticked; excluded by screening cannot be), the lot of each
 * from stock or by scanning the GS1 DataMatrix on the vial, the site and route, who vaccinated and when. An expired lot
 * is refused here and by the backend; a lot not in stock is accepted only after confirmation.
 */
export function VaccinateModal({ entry, date, now, onClose }: { entry: BoardEntry; date: string; now: number; onClose: () => void }) {
  const { t } = useI18n();
  const vaccinate = useApiMutation('imm.vaccinate');
  const lotsQ = useApiQuery('imm.lots', { date, includeEmpty: false });
  const session = useApiQuery('auth.session', {});
  const lots = useMemo(() => lotsQ.data?.lots ?? [], [lotsQ.data]);
  const [lines, setLines] = useState<DoseLine[]>(() =>
    entry.dueToday.map((d) => {
      const code = d.vaccines[0] ?? '';
      return { key: lineKey(d), due: d, chosen: !d.excluded && d.state !== 'eligible', vaccineCode: code, lot: null, ...defaults(code), lotError: null, lotWarning: null };
    }),
  );
  const [vaccinator, setVaccinator] = useState('');
  const [time, setTime] = useState(() => timeVi(new Date(now).toISOString()));
  const [confirmNotInStock, setConfirmNotInStock] = useState(false);
  const [needConfirm, setNeedConfirm] = useState(false);
  const [scanFor, setScanFor] = useState<string | null>(null);
  const [typedFor, setTypedFor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const name = session.data?.session?.user.fullName;
    if (name && !vaccinator) setVaccinator(name);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [session.data]);
  // Lots arrive after the modal opens: pre-select the first usable lot of each vaccine.
  useEffect(() => {
    if (!lotsQ.data) return;
    setLines((ls) => ls.map((l) => (l.lot ? l : { ...l, lot: firstUsable(lots, l.vaccineCode) ? { kind: 'stock', lotId: firstUsable(lots, l.vaccineCode)!.id } : null })));
  }, [lotsQ.data, lots]);

  const patch = (key: string, p: Partial<DoseLine>) => setLines((ls) => ls.map((l) => (l.key === key ? { ...l, ...p } : l)));

  /** A scanned or typed lot: the stock lot when it is one, refused when expired or of another vaccine. */
  const takeLot = (line: DoseLine, code: { lot: string | null; expiry: string | null; gtin: string | null }) => {
    const lotNumber = (code.lot ?? '').trim().toUpperCase();
    if (!lotNumber) return;
    const inStock = lots.find((l) => l.lotNumber.toUpperCase() === lotNumber && l.vaccineCode === line.vaccineCode);
    const otherVaccine = lots.find((l) => l.lotNumber.toUpperCase() === lotNumber && l.vaccineCode !== line.vaccineCode);
    const expiry = code.expiry ?? inStock?.expiry ?? null;
    if (expiry && expiry < date) {
      return patch(line.key, { lot: null, lotError: t('error.IMM_LOT_EXPIRED', { lot: lotNumber, expiry: formatDateVi(expiry) }), lotWarning: null });
    }
    if (!inStock && otherVaccine) {
      return patch(line.key, { lot: null, lotError: t('v.immLotVaccine', { lot: lotNumber, lotVaccine: otherVaccine.vaccineName, code: line.vaccineCode }), lotWarning: null });
    }
    if (inStock) {
      const mismatch = code.expiry && code.expiry !== inStock.expiry ? t('v.immExpiryMismatch', { lot: lotNumber, expiry: formatDateVi(inStock.expiry) }) : null;
      return patch(line.key, { lot: { kind: 'stock', lotId: inStock.id }, lotError: null, lotWarning: mismatch });
    }
    if (!expiry) return patch(line.key, { lot: null, lotError: t('immui.vaccinate.expiryNeeded'), lotWarning: null });
    patch(line.key, { lot: { kind: 'other', lotNumber, expiry, gtin: code.gtin }, lotError: null, lotWarning: t('immui.vaccinate.notInStock', { lot: lotNumber }) });
  };

  const chosen = lines.filter((l) => l.chosen);
  const otherLots = chosen.some((l) => l.lot?.kind === 'other');
  const submit = () => {
    setError(null);
    const givenAt = instantOf(date, time);
    if (!givenAt) return setError(t('immui.vaccinate.badTime'));
    if (chosen.length === 0) return setError(t('v.immNoDose'));
    const bad = chosen.find((l) => l.lotError || !l.lot);
    if (bad) return setError(bad.lotError ?? t('v.immLotChoice'));
    if (otherLots && !confirmNotInStock) {
      setNeedConfirm(true);
      return setError(t('immui.vaccinate.confirmNeeded'));
    }
    vaccinate.mutate(
      {
        attendanceId: entry.attendanceId,
        doses: chosen.map((l) => ({
          seriesKey: l.due.seriesKey,
          vaccineCode: l.vaccineCode,
          ...(l.lot!.kind === 'stock' ? { lotId: l.lot!.lotId } : { lot: { lotNumber: l.lot!.lotNumber, expiry: l.lot!.expiry, ...(l.lot!.gtin ? { gtin: l.lot!.gtin } : {}) } }),
          site: l.site,
          route: l.route,
        })),
        vaccinatorName: vaccinator || undefined,
        givenAt,
        confirmLotNotInStock: confirmNotInStock,
      },
      {
        onSuccess: (r) => {
          reportSuccess(t('immui.vaccinate.done', { name: entry.person.fullName, count: r.doses.length }));
          for (const w of r.warnings) notifications.show({ color: 'orange', title: entry.person.fullName, message: w.message, autoClose: 10_000 });
          onClose();
        },
        onError: (e) => {
          if (e.code === 'IMM_LOT_NOT_IN_STOCK') setNeedConfirm(true);
          setError([e.message, ...e.fields.map((f) => f.message)].filter((m, i, all) => m && all.indexOf(m) === i).join(' · '));
        },
      },
    );
  };

  return (
    <Modal opened onClose={onClose} title={t('immui.vaccinate.title')} size="70rem" data-testid="imm-vaccinate">
      <Stack gap="sm">
        <EntryLine entry={entry} date={date} />
        {entry.given.length > 0 && (
          <Text size="sm" c="dimmed">
            {t('immui.vaccinate.alreadyToday')}: {entry.given.map((d) => d.label ?? d.vaccineCode).join(', ')}
          </Text>
        )}
        {lines.length === 0 && <Alert color="gray">{t('immui.board.nothingDue')}</Alert>}
        {lines.map((l) => {
          const vaccineLots = lots.filter((x) => x.vaccineCode === l.vaccineCode);
          const other = l.lot?.kind === 'other' ? l.lot : null;
          return (
            <Paper key={l.key} withBorder p="xs" data-testid="imm-dose-line" data-series={l.due.seriesKey} style={{ opacity: l.due.excluded ? 0.6 : 1 }}>
              <Group align="flex-start" wrap="nowrap" gap="sm">
                <Checkbox
                  mt={6}
                  checked={l.chosen}
                  disabled={l.due.excluded}
                  onChange={(e) => patch(l.key, { chosen: e.currentTarget.checked })}
                  aria-label={l.due.label}
                  data-testid="imm-dose-choose"
                />
                <Stack gap={4} style={{ flex: 1 }}>
                  <Group gap={6}>
                    <Text fw={600}>{l.due.label}</Text>
                    <Badge size="xs" color={l.due.state === 'overdue' ? 'red' : l.due.state === 'due' ? 'blue' : 'cyan'} variant="light">
                      {t(`immui.state.${l.due.state}` as MessageKey)}
                    </Badge>
                    {l.due.excluded && (
                      <Badge size="xs" color="gray">
                        {t('immui.vaccinate.excluded')}
                      </Badge>
                    )}
                  </Group>
                  {l.chosen && (
                    <Group align="flex-end" gap="xs" wrap="wrap">
                      {l.due.vaccines.length > 1 && (
                        <Select
                          label={t('immui.col.vaccine')}
                          w={170}
                          value={l.vaccineCode}
                          data={l.due.vaccines}
                          allowDeselect={false}
                          onChange={(v) => v && patch(l.key, { vaccineCode: v, lot: null, lotError: null, lotWarning: null, ...defaults(v) })}
                        />
                      )}
                      <Select
                        label={t('immui.lot.fromStock')}
                        w={330}
                        placeholder={vaccineLots.length ? t('immui.lot.choose') : t('immui.lot.noneInStock')}
                        value={l.lot?.kind === 'stock' ? l.lot.lotId : null}
                        data={vaccineLots.map((x) => ({
                          value: x.id,
                          label: `${x.lotNumber} · ${t('immui.lot.expiryShort')} ${formatDateVi(x.expiry)} · ${t('immui.lot.dosesLeft', { doses: x.onHandDoses })}${x.expired ? ` · ${t('immui.lot.expired')}` : ''}`,
                          disabled: x.expired || x.onHandDoses <= 0,
                        }))}
                        onChange={(v) => patch(l.key, { lot: v ? { kind: 'stock', lotId: v } : null, lotError: null, lotWarning: null })}
                        data-testid="imm-dose-lot"
                      />
                      <Button variant="default" leftSection={<IconBarcode size={16} />} onClick={() => setScanFor(l.key)} data-testid="imm-dose-scan">
                        {t('immui.lot.scan')}
                      </Button>
                      <Button variant="subtle" onClick={() => setTypedFor(typedFor === l.key ? null : l.key)} data-testid="imm-dose-type-lot">
                        {t('immui.lot.typeOther')}
                      </Button>
                      <Select
                        label={t('immui.vaccinate.site')}
                        w={150}
                        value={l.site}
                        allowDeselect={false}
                        data={INJECTION_SITES.map((s) => ({ value: s, label: t(`imm.site.${s}` as MessageKey) }))}
                        onChange={(v) => v && patch(l.key, { site: v as Site })}
                        data-testid="imm-dose-site"
                      />
                      <Select
                        label={t('immui.vaccinate.route')}
                        w={150}
                        value={l.route}
                        allowDeselect={false}
                        data={ROUTES.map((r) => ({ value: r, label: t(`imm.route.${r}` as MessageKey) }))}
                        onChange={(v) => v && patch(l.key, { route: v as Route })}
                        data-testid="imm-dose-route"
                      />
                    </Group>
                  )}
                  {l.chosen && typedFor === l.key && <TypedLot onTake={(lot, expiry) => (takeLot(l, { lot, expiry, gtin: null }), setTypedFor(null))} />}
                  {other && (
                    <Text size="sm" data-testid="imm-dose-other-lot">
                      {t('immui.lot.number')}: <b>{other.lotNumber}</b> · {t('immui.lot.expiry')}: {formatDateVi(other.expiry)}
                    </Text>
                  )}
                  {l.chosen && l.lotError && (
                    <Alert color="red" py={6} data-testid="imm-dose-lot-error">
                      {l.lotError}
                    </Alert>
                  )}
                  {l.chosen && l.lotWarning && (
                    <Alert color="orange" py={6} data-testid="imm-dose-lot-warning">
                      {l.lotWarning}
                    </Alert>
                  )}
                </Stack>
              </Group>
            </Paper>
          );
        })}
        <Group align="flex-end">
          <TextInput label={t('immui.vaccinate.vaccinator')} w={260} value={vaccinator} onChange={(e) => setVaccinator(e.currentTarget.value)} data-testid="imm-vaccinator" />
          <TextInput label={t('immui.vaccinate.time')} w={120} value={time} onChange={(e) => setTime(e.currentTarget.value)} placeholder="hh:mm" data-testid="imm-vaccinate-time" />
        </Group>
        {(needConfirm || otherLots) && (
          <Checkbox
            color="orange"
            label={t('immui.vaccinate.confirmNotInStock')}
            checked={confirmNotInStock}
            onChange={(e) => setConfirmNotInStock(e.currentTarget.checked)}
            data-testid="imm-vaccinate-confirm"
          />
        )}
        {error && (
          <Alert color="red" data-testid="imm-vaccinate-error">
            {error}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button leftSection={<IconVaccine size={16} />} loading={vaccinate.isPending} onClick={submit} disabled={chosen.length === 0} data-testid="imm-vaccinate-save">
            {t('immui.vaccinate.save', { count: chosen.length })}
          </Button>
        </Group>
      </Stack>
      <LotScanDialog
        opened={scanFor !== null}
        onClose={() => setScanFor(null)}
        onResult={(code: Gs1Vaccine) => {
          const line = lines.find((x) => x.key === scanFor);
          if (line) takeLot(line, code);
        }}
      />
    </Modal>
  );
}

/** A lot number and expiry typed from the vial's label (no scanner, no stock entry). */
function TypedLot({ onTake }: { onTake: (lot: string, expiry: string | null) => void }) {
  const { t } = useI18n();
  const [lot, setLot] = useState('');
  const [expiry, setExpiry] = useState('');
  return (
    <Group align="flex-end" gap="xs">
      <TextInput label={t('immui.lot.number')} w={170} value={lot} onChange={(e) => setLot(e.currentTarget.value)} data-testid="imm-typed-lot" />
      <DateField label={t('immui.lot.expiry')} value={expiry} onChange={setExpiry} testId="imm-typed-expiry" />
      <Button variant="light" disabled={!lot.trim()} onClick={() => onTake(lot, expiry || null)} data-testid="imm-typed-use">
        {t('immui.lot.use')}
      </Button>
    </Group>
  );
}
