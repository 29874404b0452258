import { Alert, Anchor, Badge, Button, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { IconArrowsSplit, IconChevronLeft, IconEdit, IconUserPlus } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import type { PersonSummary } from '../../../shared/contract/persons.js';
import { useApiQuery } from '../../api/hooks.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { PersonEvents } from '../persons/PersonEvents.js';
import type { ScannedCard } from '../persons/useCardWedge.js';
import { EDITOR_ROLES, useSessionRole } from '../persons/useSessionRole.js';
import { EditHouseholdModal, SplitHouseholdModal } from './HouseholdModals.js';
import { MembersTable } from './MembersTable.js';
import { NewbornModal, RegisterMemberModal } from './MemberModals.js';

/** One household: members (relation, age, sex, status), quick actions, and its history. */
export function HouseholdPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const location = useLocation();
  const navigate = useNavigate();
  const role = useSessionRole();
  const canEdit = role !== null && EDITOR_ROLES.includes(role);
  const q = useApiQuery('households.get', { id }, { enabled: Boolean(id) });
  const hamlets = useApiQuery('hamlets.list', {});
  const registerCard = ((location.state as { registerCard?: ScannedCard } | null)?.registerCard ?? null) as ScannedCard | null;
  const [adding, setAdding] = useState(false);
  const [mother, setMother] = useState<PersonSummary | null>(null);
  const [splitting, setSplitting] = useState(false);
  const [editing, setEditing] = useState(false);
  useEffect(() => {
    if (registerCard) setAdding(true);
  }, [registerCard]);

  if (q.isPending) return <Loader />;
  if (q.isError) return <Alert color="red">{q.error.message}</Alert>;
  const { household, members, events } = q.data;
  const hamletOptions = (hamlets.data?.hamlets ?? []).map((h) => ({ value: h.id, label: h.name }));
  const closeAdd = () => {
    setAdding(false);
    if (registerCard) void navigate('.', { replace: true, state: null });
  };

  return (
    <Stack>
      <Anchor component={Link} to="/ho-gia-dinh" size="sm">
        <Group gap={4}>
          <IconChevronLeft size={14} />
          {t('household.title')}
        </Group>
      </Anchor>
      <Paper withBorder p="md" radius="md">
        <Group justify="space-between" align="flex-start">
          <Stack gap={4}>
            <Title order={2} data-testid="household-title">
              {t('household.heading', { code: household.code, name: household.headName ?? '—' })}
            </Title>
            <Text c="dimmed">
              {household.hamletName} · {household.address}
            </Text>
            <Group gap="xs">
              <Badge variant="light">{t('household.memberCount', { count: household.memberCount })}</Badge>
              {household.dissolved && <Badge color="gray">{t('household.dissolved')}</Badge>}
            </Group>
            {household.note && <Text size="sm">{household.note}</Text>}
          </Stack>
          {canEdit && !household.dissolved && (
            <Group gap="xs">
              <Button leftSection={<IconUserPlus size={16} />} onClick={() => setAdding(true)} data-testid="household-add-member">
                {t('household.addMemberButton')}
              </Button>
              <Button variant="default" leftSection={<IconEdit size={16} />} onClick={() => setEditing(true)} data-testid="household-edit">
                {t('household.edit')}
              </Button>
              <Button variant="default" leftSection={<IconArrowsSplit size={16} />} onClick={() => setSplitting(true)} data-testid="household-split">
                {t('household.split')}
              </Button>
            </Group>
          )}
        </Group>
      </Paper>
      <MembersTable members={members} canEdit={canEdit} onNewborn={setMother} />
      <Title order={4}>{t('household.history')}</Title>
      <PersonEvents events={events} showPerson testId="household-history" />
      <RegisterMemberModal household={household} opened={adding} card={registerCard} onClose={closeAdd} />
      <NewbornModal mother={mother} onClose={() => setMother(null)} />
      <SplitHouseholdModal household={splitting ? household : null} members={members} onClose={() => setSplitting(false)} />
      <EditHouseholdModal household={editing ? household : null} members={members} hamlets={hamletOptions} onClose={() => setEditing(false)} />
    </Stack>
  );
}
