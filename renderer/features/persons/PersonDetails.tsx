import { SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { Person } from '../../../shared/contract/persons.js';
import { formatDateVi } from '../../../shared/dates.js';
import type { MessageKey } from '../../../shared/i18n/index.js';
import { ethnicityName } from '../../../shared/reference/ethnicities.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { formatBirthDate, sexLabel } from './format.js';

function Item({ label, value }: { label: string; value: string | null | undefined }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm">{value || '—'}</Text>
    </Stack>
  );
}

/** Section A (administrative information), read-only, grouped as on the QĐ 831 form. */
export function PersonDetails({ person }: { person: Person }) {
  const { t } = useI18n();
  const l = (k: MessageKey) => t(k);
  const groups: { title: MessageKey; items: [MessageKey, string | null | undefined][] }[] = [
    {
      title: 'person.section.identity',
      items: [
        ['person.fullName', person.fullName],
        ['person.sex', sexLabel(person.sex, t)],
        ['person.birthDate', formatBirthDate(person.birthDate)],
        ['person.ethnicity', ethnicityName(person.ethnicityCode)],
        ['person.nationality', person.nationality],
        ['person.religion', person.religion],
        ['person.occupation', person.occupation],
        ['person.bloodGroup', [person.bloodAbo, person.bloodRh].filter(Boolean).join(' ') || null],
        ['person.birthProvince', person.birthProvince],
      ],
    },
    {
      title: 'person.section.cccd',
      items: [
        ['person.cccd', person.cccd],
        ['person.cccdIssueDate', formatDateVi(person.cccdIssueDate)],
        ['person.cccdIssuePlace', person.cccdIssuePlace],
      ],
    },
    {
      title: 'person.section.bhyt',
      items: [
        ['person.bhxhNumber', person.bhxhNumber],
        ['person.bhytCardCode', person.bhytCardCode],
        ['person.bhytBenefitLevel', person.bhytBenefitLevel ? t(`bhyt.level.${person.bhytBenefitLevel}` as MessageKey) : null],
        ['person.bhytValidFrom', formatDateVi(person.bhytValidFrom)],
        ['person.bhytValidTo', formatDateVi(person.bhytValidTo)],
        ['person.bhytRegistrationFacility', person.bhytRegistrationFacility],
      ],
    },
    {
      title: 'person.section.contact',
      items: [
        ['person.permanentAddress', person.permanentAddress],
        ['person.currentAddress', person.currentAddress],
        ['person.phone', person.phone],
        ['person.phone2', person.phone2],
        ['person.email', person.email],
      ],
    },
    {
      title: 'person.section.family',
      items: [
        ['person.motherName', person.motherName],
        ['person.fatherName', person.fatherName],
        ['person.carerName', person.carerName],
        ['person.carerRelation', person.carerRelation],
        ['person.carerPhone', person.carerPhone],
        ['person.note', person.note],
      ],
    },
  ];
  return (
    <Stack gap="md" data-testid="person-details">
      {groups.map((g) => (
        <Stack gap={6} key={g.title}>
          <Title order={5}>{l(g.title)}</Title>
          <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm" verticalSpacing={6}>
            {g.items.map(([k, v]) => (
              <Item key={k} label={l(k)} value={v} />
            ))}
          </SimpleGrid>
        </Stack>
      ))}
    </Stack>
  );
}
