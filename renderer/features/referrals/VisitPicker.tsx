import { Button, Group, Modal, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { formatDateVi } from '../../../shared/dates.js';
import { stationDate } from '../../../shared/visits/station-date.js';
import { useApiQuery } from '../../api/hooks.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { StatusBadge } from '../visits/StatusBadge.js';

/** Choose one of a day's examined visits (today by default) to write a referral or an appointment slip from. */
export function VisitPicker({ opened, title, onClose, onPick }: { opened: boolean; title: string; onClose: () => void; onPick: (visitId: string) => void }) {
  const { t } = useI18n();
  const [date, setDate] = useState(stationDate(new Date()));
  const queue = useApiQuery('visits.queue', { date }, { enabled: opened && /^\d{4}-\d{2}-\d{2}$/.test(date) });
  const visits = (queue.data?.visits ?? []).filter((v) => v.status !== 'waiting' && v.status !== 'cancelled');
  return (
    <Modal opened={opened} onClose={onClose} title={title} size="lg">
      <Stack>
        <TextInput type="date" label={t('visits.date')} value={date} onChange={(e) => setDate(e.currentTarget.value)} w={200} />
        {visits.length === 0 && !queue.isLoading && <Text c="dimmed">{t('visits.person.none')}</Text>}
        {visits.length > 0 && (
          <Table striped highlightOnHover withTableBorder data-testid="visit-picker">
            <Table.Tbody>
              {visits.map((v) => (
                <Table.Tr key={v.id} data-testid="visit-pick">
                  <Table.Td>{v.queueNumber}</Table.Td>
                  <Table.Td>
                    {v.person.fullName}{' '}
                    <Text span size="xs" c="dimmed">
                      {formatDateVi(v.person.birthDate)}
                    </Text>
                  </Table.Td>
                  <Table.Td>{v.reason}</Table.Td>
                  <Table.Td>
                    <StatusBadge status={v.status} />
                  </Table.Td>
                  <Table.Td>
                    <Group justify="flex-end">
                      <Button size="xs" variant="light" onClick={() => onPick(v.id)} data-testid="visit-pick-button">
                        {t('visits.open')}
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Modal>
  );
}
