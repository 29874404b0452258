import { Anchor, Badge, Button, Group, Menu, Paper, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconChevronDown, IconDoorEnter, IconDoorExit, IconEdit, IconGitMerge, IconHomeMove, IconSkull } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { Person, PersonSummary } from '../../../shared/contract/persons.js';
import { formatDateVi } from '../../../shared/dates.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { BHYT_COLOR, bhytState, formatAge, formatBirthDate, sexLabel } from './format.js';
import type { LifeEventKind } from './PersonActions.js';
import { StatusBadge } from './PersonLine.js';

export type PersonAction = 'edit' | LifeEventKind | 'move' | 'merge';

/** Who this is at a glance: name, age, sex, CCCD, BHYT validity, hamlet and household, allergy alert. */
export function PersonHeader({ person, summary, canEdit, canMerge, onAction }: {
  person: Person;
  summary: PersonSummary;
  canEdit: boolean;
  canMerge: boolean;
  onAction: (a: PersonAction) => void;
}) {
  const { t } = useI18n();
  const state = bhytState(summary);
  const card = person.bhytCardCode ?? person.bhxhNumber;
  const active = person.status === 'active';
  return (
    <Paper withBorder p="md" radius="md">
      <Group justify="space-between" align="flex-start">
        <Stack gap={6}>
          <Group gap="xs">
            <Title order={2} data-testid="person-name">
              {person.fullName}
            </Title>
            <StatusBadge status={person.status} />
            {summary.allergyAlert && (
              <Badge color="red" leftSection={<IconAlertTriangle size={12} />} data-testid="allergy-badge">
                {t('person.allergyAlert')}
              </Badge>
            )}
          </Group>
          <Text>
            {[formatAge(person.birthDate, t), sexLabel(person.sex, t), `${t('person.birthDateShort')} ${formatBirthDate(person.birthDate)}`].join(' · ')}
          </Text>
          <Group gap="md">
            <Text size="sm">
              {t('person.cccdShort')}: <b data-testid="person-cccd">{person.cccd ?? '—'}</b>
            </Text>
            <Badge color={BHYT_COLOR[state]} variant="light" data-testid="bhyt-badge" data-state={state}>
              {card ? `${t('person.bhytShort')} ${card}` : t('bhyt.state.none')}
              {person.bhytValidTo ? ` · ${t('person.bhytUntil', { date: formatDateVi(person.bhytValidTo) })}` : ''}
              {card ? ` · ${t(`bhyt.state.${state}`)}` : ''}
            </Badge>
          </Group>
          <Text size="sm" c="dimmed">
            {summary.hamletName ?? '—'}
            {person.householdId && (
              <>
                {' · '}
                <Anchor component={Link} to={`/ho-gia-dinh/${person.householdId}`} size="sm" data-testid="person-household-link">
                  {t('person.householdLink', { code: summary.householdCode ?? '', head: summary.headName ?? '—' })}
                </Anchor>
                {' · '}
                {t(`relation.${person.relationToHead}`)}
              </>
            )}
          </Text>
          {person.status === 'died' && person.diedOn && <Text size="sm">{t('person.diedOn', { date: formatDateVi(person.diedOn) })}</Text>}
          {person.status === 'moved_away' && (
            <Text size="sm">{t('person.movedAwayOn', { date: formatDateVi(person.movedAwayOn), place: person.movedTo ?? '—' })}</Text>
          )}
        </Stack>
        {canEdit && (
          <Group gap="xs">
            <Button leftSection={<IconEdit size={16} />} variant="light" onClick={() => onAction('edit')} data-testid="person-edit">
              {t('person.edit')}
            </Button>
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <Button variant="default" rightSection={<IconChevronDown size={14} />} data-testid="person-actions">
                  {t('person.actions')}
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                {active && (
                  <Menu.Item leftSection={<IconHomeMove size={16} />} onClick={() => onAction('move')}>
                    {t('move.menu')}
                  </Menu.Item>
                )}
                {active && (
                  <Menu.Item leftSection={<IconDoorExit size={16} />} onClick={() => onAction('moved_away')}>
                    {t('life.moved_away.menu')}
                  </Menu.Item>
                )}
                {person.status === 'moved_away' && (
                  <Menu.Item leftSection={<IconDoorEnter size={16} />} onClick={() => onAction('returned')}>
                    {t('life.returned.menu')}
                  </Menu.Item>
                )}
                {active && (
                  <Menu.Item leftSection={<IconSkull size={16} />} onClick={() => onAction('died')}>
                    {t('life.died.menu')}
                  </Menu.Item>
                )}
                {canMerge && person.status !== 'merged' && (
                  <>
                    <Menu.Divider />
                    <Menu.Item leftSection={<IconGitMerge size={16} />} onClick={() => onAction('merge')} data-testid="person-merge">
                      {t('merge.menu')}
                    </Menu.Item>
                  </>
                )}
              </Menu.Dropdown>
            </Menu>
          </Group>
        )}
      </Group>
    </Paper>
  );
}
