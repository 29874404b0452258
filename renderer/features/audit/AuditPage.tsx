import { Badge, Group, Pagination, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { formatDateTimeVi, parseDateVi } from '../../../shared/dates.js';
import { useApiQuery } from '../../api/hooks.js';
import { useI18n } from '../../i18n/I18nProvider.js';

const PAGE_SIZE = 50;
type Kind = 'view' | 'change' | 'auth';

export function AuditPage() {
  const { t } = useI18n();
  const [kind, setKind] = useState<Kind | null>(null);
  const [text, setText] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [page, setPage] = useState(1);
  const [debouncedText] = useDebouncedValue(text, 300);
  const fromIso = parseDateVi(from) ?? undefined;
  const toIso = parseDateVi(to) ?? undefined;
  const log = useApiQuery('audit.list', {
    kind: kind ?? undefined,
    text: debouncedText || undefined,
    from: fromIso,
    to: toIso,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  });
  const badDate = (s: string) => (s && !parseDateVi(s) ? 'dd/mm/yyyy' : null);
  return (
    <Stack>
      <Title order={2}>{t('audit.title')}</Title>
      <Group align="flex-end">
        <Select
          label={t('common.filter')}
          placeholder={t('common.all')}
          clearable
          value={kind}
          onChange={(v) => (setKind(v as Kind | null), setPage(1))}
          data={[
            { value: 'view', label: t('audit.kind.view') },
            { value: 'change', label: t('audit.kind.change') },
            { value: 'auth', label: t('audit.kind.auth') },
          ]}
        />
        <TextInput label={t('common.search')} value={text} onChange={(e) => (setText(e.currentTarget.value), setPage(1))} />
        <TextInput label={t('audit.from')} placeholder="dd/mm/yyyy" value={from} error={badDate(from)} onChange={(e) => setFrom(e.currentTarget.value)} />
        <TextInput label={t('audit.to')} placeholder="dd/mm/yyyy" value={to} error={badDate(to)} onChange={(e) => setTo(e.currentTarget.value)} />
      </Group>
      <Table striped withTableBorder data-testid="audit-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('audit.at')}</Table.Th>
            <Table.Th>{t('audit.user')}</Table.Th>
            <Table.Th>{t('audit.action')}</Table.Th>
            <Table.Th>{t('audit.entity')}</Table.Th>
            <Table.Th>{t('audit.workstation')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(log.data?.entries ?? []).map((e) => (
            <Table.Tr key={e.id}>
              <Table.Td>{formatDateTimeVi(e.at)}</Table.Td>
              <Table.Td>{e.username ?? '—'}</Table.Td>
              <Table.Td>
                <Badge variant="light" color={e.kind === 'auth' ? 'blue' : e.kind === 'change' ? 'orange' : 'gray'} mr="xs">
                  {t(`audit.kind.${e.kind}`)}
                </Badge>
                {e.action}
              </Table.Td>
              <Table.Td title={e.entityId ?? undefined}>{e.entity ? `${e.entity}${e.entityId ? ` · …${e.entityId.slice(-8)}` : ''}` : ''}</Table.Td>
              <Table.Td>{e.workstation}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {log.data && log.data.total === 0 && <Text c="dimmed">{t('empty.noData')}</Text>}
      {log.data && log.data.total > PAGE_SIZE && <Pagination total={Math.ceil(log.data.total / PAGE_SIZE)} value={page} onChange={setPage} />}
    </Stack>
  );
}
