import { Anchor, Button, Group, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { IconCalendarPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { formatDateVi } from '../../../shared/dates.js';
import { api } from '../../api/client.js';
import { useApiQuery } from '../../api/hooks.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { useSessionRole } from '../persons/useSessionRole.js';
import { AppointmentForm } from './AppointmentForm.js';
import { PdfPreview } from './PdfPreview.js';
import { AppointmentStateBadge } from './StatusBadges.js';
import { VisitPicker } from './VisitPicker.js';
import { XmlExportButton } from './XmlExportButton.js';

type View = 'upcoming' | 'missed' | 'all';

/** Appointment slips: upcoming (from today, soonest first), missed (date passed, no visit since), or all. */
export function AppointmentsPanel() {
  const { t } = useI18n();
  const role = useSessionRole();
  const [view, setView] = useState<View>('upcoming');
  const [slip, setSlip] = useState<string | null>(null);
  const [picking, setPicking] = useState(false);
  const [visitId, setVisitId] = useState<string | null>(null);
  const list = useApiQuery('appointments.list', { view });
  const canPrint = role === 'admin' || role === 'physician' || role === 'nurse';
  const rows = list.data?.appointments ?? [];
  return (
    <Stack>
      <Group justify="space-between">
        <SegmentedControl
          value={view}
          onChange={(v) => setView(v as View)}
          data={(['upcoming', 'missed', 'all'] as const).map((v) => ({ value: v, label: t(`appointments.view.${v}`) }))}
          data-testid="appointments-view"
        />
        {canPrint && (
          <Button leftSection={<IconCalendarPlus size={16} />} onClick={() => setPicking(true)} data-testid="appointment-new">
            {t('appointments.new')}
          </Button>
        )}
      </Group>
      {rows.length === 0 && !list.isLoading && <Text c="dimmed">{t('appointments.none')}</Text>}
      {rows.length > 0 && (
        <Table striped withTableBorder highlightOnHover data-testid="appointments-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('appointments.returnDate')}</Table.Th>
              <Table.Th>{t('referrals.person')}</Table.Th>
              <Table.Th>{t('appointments.phone')}</Table.Th>
              <Table.Th>{t('appointments.diagnosisText')}</Table.Th>
              <Table.Th>{t('appointments.number')}</Table.Th>
              <Table.Th>{t('referrals.status')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((a) => (
              <Table.Tr key={a.id} data-testid="appointment-row">
                <Table.Td>{formatDateVi(a.returnDate)}</Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/nguoi/${a.personId}`} size="sm">
                    {a.personName}
                  </Anchor>{' '}
                  <Text span size="xs" c="dimmed">
                    {formatDateVi(a.birthDate)}
                  </Text>
                </Table.Td>
                <Table.Td>{a.phone ?? ''}</Table.Td>
                <Table.Td>{a.diagnosisText ?? a.diagnoses[0]?.icdName ?? ''}</Table.Td>
                <Table.Td>
                  <Anchor size="sm" onClick={() => setSlip(a.id)}>
                    {a.number}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <AppointmentStateBadge state={a.state} />
                </Table.Td>
                <Table.Td>
                  <Group gap={4} justify="flex-end">
                    {canPrint && <XmlExportButton kind="appointment" id={a.id} label="XML14" />}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <VisitPicker opened={picking} title={t('appointments.new')} onClose={() => setPicking(false)} onPick={(id) => (setPicking(false), setVisitId(id))} />
      {visitId && <AppointmentForm visitId={visitId} opened onClose={() => setVisitId(null)} />}
      {slip && (
        <PdfPreview
          opened
          onClose={() => setSlip(null)}
          load={() => api.call('appointments.preview', { id: slip })}
          onPrint={canPrint ? () => api.call('appointments.print', { id: slip }) : undefined}
        />
      )}
    </Stack>
  );
}
