import { Modal, Select, SimpleGrid, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useApiMutation } from '../../api/hooks.js';
import { reportSuccess } from '../../app/feedback.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { PersonForm } from '../persons/PersonForm.js';
import type { ScannedCard } from '../persons/useCardWedge.js';

export interface HamletOption {
  value: string;
  label: string;
}

/** "Thêm hộ": hamlet, address, optional code, and the head of household's registration form. */
export function CreateHouseholdModal({ opened, onClose, hamlets, defaultHamletId, card }: {
  opened: boolean;
  onClose: () => void;
  hamlets: HamletOption[];
  defaultHamletId?: string | null;
  card?: ScannedCard | null;
}) {
  const { t } = useI18n();
  return (
    <Modal opened={opened} onClose={onClose} title={t('household.add')} size="80rem" data-testid="household-create">
      {opened && <CreateHouseholdBody onClose={onClose} hamlets={hamlets} defaultHamletId={defaultHamletId ?? null} card={card ?? null} />}
    </Modal>
  );
}

function CreateHouseholdBody({ onClose, hamlets, defaultHamletId, card }: { onClose: () => void; hamlets: HamletOption[]; defaultHamletId: string | null; card: ScannedCard | null }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const create = useApiMutation('households.create');
  const [hamletId, setHamletId] = useState<string | null>(defaultHamletId ?? (hamlets.length === 1 ? hamlets[0]!.value : null));
  const [address, setAddress] = useState('');
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<{ hamletId?: string; address?: string; code?: string }>({});

  const validateBefore = () => {
    const e = { hamletId: hamletId ? undefined : t('v.required'), address: address.trim() ? undefined : t('v.required') };
    setErrors(e);
    return !e.hamletId && !e.address;
  };

  const before = (
    <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
      <Select
        label={t('household.hamlet')}
        data={hamlets}
        value={hamletId}
        onChange={setHamletId}
        searchable
        withAsterisk
        error={errors.hamletId}
        data-autofocus
        data-testid="household-hamlet"
      />
      <TextInput label={t('household.address')} value={address} onChange={(e) => setAddress(e.currentTarget.value)} withAsterisk error={errors.address} name="householdAddress" />
      <TextInput
        label={t('household.code')}
        description={t('household.code.hint')}
        value={code}
        onChange={(e) => setCode(e.currentTarget.value)}
        error={errors.code}
        name="householdCode"
      />
    </SimpleGrid>
  );

  return (
    <PersonForm
      card={card}
      hamletId={hamletId ?? undefined}
      before={before}
      validateBefore={validateBefore}
      submitLabel={t('household.create')}
      onCancel={onClose}
      onSave={async (head, options) => {
        try {
          const r = await create.mutateAsync({ hamletId: hamletId!, address, code: code.trim() || undefined, head, ...options });
          reportSuccess(t('household.created', { code: r.household.code, name: r.head.fullName }));
          onClose();
          void navigate(`/ho-gia-dinh/${r.household.id}`);
        } catch (e) {
          const err = e as { code?: string; message?: string; fields?: { path: string; message: string }[] };
          if (err.code === 'HOUSEHOLD_CODE_TAKEN') return setErrors((x) => ({ ...x, code: err.message }));
          const mine = err.fields?.find((f) => f.path === 'hamletId' || f.path === 'address' || f.path === 'code');
          if (mine) setErrors((x) => ({ ...x, [mine.path]: mine.message }));
          throw e;
        }
      }}
    />
  );
}
