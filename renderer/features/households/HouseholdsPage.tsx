import { Alert, Badge, Button, Group, Pagination, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconHomePlus, IconSearch, IconUserPlus } from '@tabler/icons-react';
import { keepPreviousData } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { formatDateVi } from '../../../shared/dates.js';
import { useApiQuery } from '../../api/hooks.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import type { ScannedCard } from '../persons/useCardWedge.js';
import { EDITOR_ROLES, useSessionRole } from '../persons/useSessionRole.js';
import { CreateHouseholdModal } from './CreateHouseholdModal.js';

const PAGE = 50;

/** Households of the station by hamlet, with search, and "Thêm hộ". */
export function HouseholdsPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const role = useSessionRole();
  const canEdit = role !== null && EDITOR_ROLES.includes(role);
  const registerCard = ((location.state as { registerCard?: ScannedCard } | null)?.registerCard ?? null) as ScannedCard | null;
  const [hamletId, setHamletId] = useState<string | null>(null);
  const [q, setQ] = useState('');
  const [debouncedQ] = useDebouncedValue(q, 200);
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(Boolean(registerCard));
  useEffect(() => {
    if (registerCard) setCreating(true);
  }, [registerCard]);
  const hamlets = useApiQuery('hamlets.list', {});
  const hamletOptions = (hamlets.data?.hamlets ?? []).map((h) => ({ value: h.id, label: h.name }));
  const list = useApiQuery(
    'households.list',
    { ...(hamletId ? { hamletId } : {}), ...(debouncedQ.trim() ? { q: debouncedQ.trim() } : {}), limit: PAGE, offset: (page - 1) * PAGE },
    { placeholderData: keepPreviousData },
  );
  const households = list.data?.households ?? [];
  const total = list.data?.total ?? 0;
  const closeCreate = () => {
    setCreating(false);
    if (registerCard) void navigate('.', { replace: true, state: null });
  };

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('household.title')}</Title>
        {canEdit && (
          <Button leftSection={<IconHomePlus size={16} />} onClick={() => setCreating(true)} data-testid="household-add">
            {t('household.add')}
          </Button>
        )}
      </Group>
      {registerCard && (
        <Alert color="teal" title={t('household.registerCard.title', { name: registerCard.fullName })} data-testid="register-card-banner">
          <Stack gap={6}>
            <Text size="sm">{t('household.registerCard.body', { birth: formatDateVi(registerCard.birthDate) })}</Text>
            <Group>
              <Button size="xs" leftSection={<IconHomePlus size={14} />} onClick={() => setCreating(true)}>
                {t('household.registerCard.newHousehold')}
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}
      <Group>
        <Select
          placeholder={t('household.allHamlets')}
          aria-label={t('household.hamlet')}
          data={hamletOptions}
          value={hamletId}
          onChange={(v) => (setHamletId(v), setPage(1))}
          clearable
          w={240}
          data-testid="household-filter-hamlet"
        />
        <TextInput
          placeholder={t('household.searchPlaceholder')}
          aria-label={t('common.search')}
          leftSection={<IconSearch size={16} />}
          value={q}
          onChange={(e) => (setQ(e.currentTarget.value), setPage(1))}
          w={320}
          data-testid="household-search"
        />
        <Text size="sm" c="dimmed">
          {t('household.count', { count: total })}
        </Text>
      </Group>
      <Table striped highlightOnHover withTableBorder data-testid="households-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('household.code')}</Table.Th>
            <Table.Th>{t('household.head')}</Table.Th>
            <Table.Th>{t('household.hamlet')}</Table.Th>
            <Table.Th>{t('household.address')}</Table.Th>
            <Table.Th>{t('household.members')}</Table.Th>
            {registerCard && <Table.Th />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {households.map((h) => (
            <Table.Tr
              key={h.id}
              style={{ cursor: 'pointer' }}
              tabIndex={0}
              onClick={() => void navigate(`/ho-gia-dinh/${h.id}`)}
              onKeyDown={(e) => e.key === 'Enter' && void navigate(`/ho-gia-dinh/${h.id}`)}
              data-testid="household-row"
            >
              <Table.Td>{h.code}</Table.Td>
              <Table.Td fw={500}>{h.headName ?? '—'}</Table.Td>
              <Table.Td>{h.hamletName}</Table.Td>
              <Table.Td>{h.address}</Table.Td>
              <Table.Td>
                {h.memberCount}
                {h.dissolved && (
                  <Badge ml="xs" size="xs" color="gray">
                    {t('household.dissolved')}
                  </Badge>
                )}
              </Table.Td>
              {registerCard && (
                <Table.Td>
                  <Button
                    size="compact-xs"
                    variant="light"
                    leftSection={<IconUserPlus size={12} />}
                    onClick={(e) => {
                      e.stopPropagation();
                      void navigate(`/ho-gia-dinh/${h.id}`, { state: { registerCard } });
                    }}
                  >
                    {t('household.registerCard.addHere')}
                  </Button>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {list.isSuccess && households.length === 0 && <Text c="dimmed">{debouncedQ || hamletId ? t('household.noneFound') : t('household.none')}</Text>}
      {total > PAGE && <Pagination total={Math.ceil(total / PAGE)} value={page} onChange={setPage} />}
      <CreateHouseholdModal opened={creating} onClose={closeCreate} hamlets={hamletOptions} defaultHamletId={hamletId} card={registerCard} />
    </Stack>
  );
}
