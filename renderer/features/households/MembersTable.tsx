import { Anchor, Badge, Button, Table, Text } from '@mantine/core';
import { IconBabyCarriage } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { PersonSummary } from '../../../shared/contract/persons.js';
import { ageInYears } from '../../../shared/persons/age.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { BHYT_COLOR, bhytState, formatAge, formatBirthDate, sexLabel, todayIso } from '../persons/format.js';
import { StatusBadge } from '../persons/PersonLine.js';

/** A woman who could have just given birth: the row offers "Thêm trẻ sơ sinh". */
export function canBeMother(p: PersonSummary, today = todayIso()): boolean {
  const age = ageInYears(p.birthDate, today);
  return p.sex === 'F' && p.status === 'active' && age !== null && age >= 12 && age <= 60;
}

export function MembersTable({ members, canEdit, onNewborn }: { members: PersonSummary[]; canEdit: boolean; onNewborn: (mother: PersonSummary) => void }) {
  const { t } = useI18n();
  return (
    <Table withTableBorder highlightOnHover data-testid="members-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('person.fullName')}</Table.Th>
          <Table.Th>{t('household.relation')}</Table.Th>
          <Table.Th>{t('person.birthDate')}</Table.Th>
          <Table.Th>{t('person.age')}</Table.Th>
          <Table.Th>{t('person.sex')}</Table.Th>
          <Table.Th>{t('person.cccd')}</Table.Th>
          <Table.Th>{t('person.bhyt')}</Table.Th>
          <Table.Th>{t('person.status')}</Table.Th>
          {canEdit && <Table.Th />}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {members.map((m) => {
          const state = bhytState(m);
          return (
            <Table.Tr key={m.id} data-testid="member-row" data-name={m.fullName} style={{ opacity: m.status === 'active' ? 1 : 0.6 }}>
              <Table.Td>
                <Anchor component={Link} to={`/nguoi/${m.id}`} fw={600}>
                  {m.fullName}
                </Anchor>
                {m.allergyAlert && (
                  <Badge ml={6} size="xs" color="red">
                    {t('person.allergyShort')}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>{t(`relation.${m.relationToHead}`)}</Table.Td>
              <Table.Td>{formatBirthDate(m.birthDate)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatAge(m.birthDate, t)}</Table.Td>
              <Table.Td>{sexLabel(m.sex, t)}</Table.Td>
              <Table.Td>{m.cccd ?? ''}</Table.Td>
              <Table.Td>
                <Text size="sm" c={BHYT_COLOR[state]} style={{ whiteSpace: 'nowrap' }} title={m.bhytCardCode ?? m.bhxhNumber ?? undefined}>
                  {t(`bhyt.state.${state}`)}
                </Text>
              </Table.Td>
              <Table.Td>{m.status === 'active' ? <Text size="sm">{t('person.status.active')}</Text> : <StatusBadge status={m.status} />}</Table.Td>
              {canEdit && (
                <Table.Td>
                  {canBeMother(m) && (
                    <Button size="compact-xs" variant="light" color="pink" leftSection={<IconBabyCarriage size={14} />} onClick={() => onNewborn(m)} data-testid="member-newborn">
                      {t('household.addNewborn')}
                    </Button>
                  )}
                </Table.Td>
              )}
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
