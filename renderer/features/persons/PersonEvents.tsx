import { Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { PersonEvent } from '../../../shared/contract/persons.js';
import { formatDateTimeVi, formatDateVi } from '../../../shared/dates.js';
import type { MessageKey } from '../../../shared/i18n/index.js';
import { useI18n } from '../../i18n/I18nProvider.js';

type Row = PersonEvent & { personId?: string; personName?: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Readable details of an event: destination, origin, reason, note… (ids are left out). */
export function eventDetails(details: Record<string, unknown>, t: (k: MessageKey) => string): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(details)) {
    if (value === null || value === undefined || value === '' || value === false || /id$/i.test(key)) continue;
    if (typeof value === 'string' && UUID.test(value)) continue;
    const label = `event.detail.${key}` as MessageKey;
    const shown = t(label);
    if (value === true) parts.push(shown === label ? key : shown);
    else if (typeof value === 'string' || typeof value === 'number') parts.push(shown === label ? String(value) : `${shown}: ${value}`);
  }
  return parts.join(' · ');
}

/** A person's or a household's history: what happened, when, recorded by whom. */
export function PersonEvents({ events, showPerson = false, testId }: { events: Row[]; showPerson?: boolean; testId: string }) {
  const { t } = useI18n();
  if (events.length === 0) return <Text c="dimmed">{t('empty.noData')}</Text>;
  return (
    <Table withTableBorder striped data-testid={testId}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('event.date')}</Table.Th>
          {showPerson && <Table.Th>{t('event.person')}</Table.Th>}
          <Table.Th>{t('event.kind')}</Table.Th>
          <Table.Th>{t('event.details')}</Table.Th>
          <Table.Th>{t('event.recorded')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {events.map((e) => (
          <Table.Tr key={e.id}>
            <Table.Td>{formatDateVi(e.date)}</Table.Td>
            {showPerson && <Table.Td>{e.personId ? <Link to={`/nguoi/${e.personId}`}>{e.personName}</Link> : e.personName}</Table.Td>}
            <Table.Td>{t(`event.kind.${e.kind}` as MessageKey)}</Table.Td>
            <Table.Td>{eventDetails(e.details, t)}</Table.Td>
            <Table.Td>
              <Text size="xs" c="dimmed">
                {[e.recordedBy, formatDateTimeVi(e.recordedAt)].filter(Boolean).join(' · ')}
              </Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
