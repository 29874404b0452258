import { Button, Group, Modal, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { Household } from '../../../shared/contract/households.js';
import type { PersonSummary } from '../../../shared/contract/persons.js';
import { formatDateVi } from '../../../shared/dates.js';
import { RELATIONS, newbornRelation, type Relation } from '../../../shared/persons/relations.js';
import { isValidBirthDate } from '../../../shared/persons/age.js';
import { useApiMutation } from '../../api/hooks.js';
import { reportApiError, reportSuccess } from '../../app/feedback.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { parseBirthInput, todayIso } from '../persons/format.js';
import { PersonForm } from '../persons/PersonForm.js';
import type { ScannedCard } from '../persons/useCardWedge.js';

/** "Thêm trẻ sơ sinh" from the mother's row: one action, only name, sex and date of birth. */
export function NewbornModal({ mother, onClose }: { mother: PersonSummary | null; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Modal opened={mother !== null} onClose={onClose} title={t('household.newborn.title', { mother: mother?.fullName ?? '' })} data-testid="newborn-modal">
      {mother && <NewbornBody mother={mother} onClose={onClose} />}
    </Modal>
  );
}

function NewbornBody({ mother, onClose }: { mother: PersonSummary; onClose: () => void }) {
  const { t } = useI18n();
  const add = useApiMutation('households.addNewborn');
  const [fullName, setFullName] = useState('');
  const [sex, setSex] = useState<'M' | 'F'>('M');
  const [birth, setBirth] = useState(formatDateVi(todayIso()));
  const [errors, setErrors] = useState<{ fullName?: string; birth?: string }>({});
  const submit = () => {
    const iso = parseBirthInput(birth);
    const e = {
      fullName: fullName.trim() ? undefined : t('v.required'),
      birth: !iso ? t('v.birthDate') : !isValidBirthDate(iso, todayIso()) ? t('v.birthDateRange') : undefined,
    };
    setErrors(e);
    if (e.fullName || e.birth || !iso) return;
    add.mutate(
      { motherId: mother.id, fullName, sex, birthDate: iso },
      { onSuccess: (r) => (reportSuccess(t('household.newborn.done', { name: r.person.fullName })), onClose()), onError: (err) => reportApiError(err) },
    );
  };
  return (
    <form onSubmit={(e) => (e.preventDefault(), submit())}>
      <Stack>
        <Text size="sm" c="dimmed">
          {t('household.newborn.hint', { relation: t(`relation.${newbornRelation(mother.relationToHead)}`) })}
        </Text>
        <TextInput label={t('person.fullName')} value={fullName} onChange={(e) => setFullName(e.currentTarget.value)} error={errors.fullName} withAsterisk data-autofocus />
        <div>
          <Text size="sm" fw={500} mb={4}>
            {t('person.sex')}
          </Text>
          <SegmentedControl
            value={sex}
            onChange={(v) => setSex(v as 'M' | 'F')}
            data={[{ value: 'M', label: t('person.sex.M') }, { value: 'F', label: t('person.sex.F') }]}
            aria-label={t('person.sex')}
          />
        </div>
        <TextInput label={t('person.birthDate')} value={birth} onChange={(e) => setBirth(e.currentTarget.value)} error={errors.birth} placeholder="dd/mm/yyyy" withAsterisk />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={add.isPending} data-testid="newborn-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Register a new member of the household (full section A form) with their relation to the head. */
export function RegisterMemberModal({ household, opened, card, onClose }: { household: Household; opened: boolean; card?: ScannedCard | null; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Modal opened={opened} onClose={onClose} title={t('household.addMember', { code: household.code })} size="80rem" data-testid="register-member">
      {opened && <RegisterMemberBody household={household} card={card ?? null} onClose={onClose} />}
    </Modal>
  );
}

function RegisterMemberBody({ household, card, onClose }: { household: Household; card: ScannedCard | null; onClose: () => void }) {
  const { t } = useI18n();
  const register = useApiMutation('persons.register');
  const [relation, setRelation] = useState<Relation | null>(null);
  const [movedInFrom, setMovedInFrom] = useState('');
  const [relationError, setRelationError] = useState<string | undefined>();
  const before = (
    <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
      <Select
        label={t('household.relation')}
        data={RELATIONS.filter((r) => r !== 'head').map((r) => ({ value: r, label: t(`relation.${r}`) }))}
        value={relation}
        onChange={(v) => (setRelation(v as Relation | null), setRelationError(undefined))}
        error={relationError}
        withAsterisk
        data-autofocus
        data-testid="member-relation"
      />
      <TextInput label={t('household.movedInFrom')} description={t('household.movedInFrom.hint')} value={movedInFrom} onChange={(e) => setMovedInFrom(e.currentTarget.value)} name="movedInFrom" />
    </SimpleGrid>
  );
  return (
    <PersonForm
      card={card}
      initial={{ currentAddress: household.address }}
      hamletId={household.hamletId}
      before={before}
      validateBefore={() => {
        if (!relation) setRelationError(t('v.required'));
        return relation !== null;
      }}
      onCancel={onClose}
      onSave={async (person, options) => {
        const r = await register.mutateAsync({ person, householdId: household.id, relationToHead: relation!, ...(movedInFrom.trim() ? { movedInFrom } : {}), ...options });
        reportSuccess(t('person.registered', { name: r.person.fullName }));
        onClose();
      }}
    />
  );
}
