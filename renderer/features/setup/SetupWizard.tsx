import { Button, Group, PasswordInput, Select, Stack, Stepper, Text, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client.js';
import { useApiQuery } from '../../api/hooks.js';
import { CenteredCard } from '../../app/CenteredCard.js';
import { reportApiError, reportSuccess } from '../../app/feedback.js';
import { useI18n } from '../../i18n/I18nProvider.js';

interface SetupValues {
  name: string;
  code: string;
  governingBody: string;
  provinceCode: string | null;
  communeCode: string | null;
  hamlets: string;
  fullName: string;
  username: string;
  password: string;
  passwordConfirm: string;
}

/** Which step shows each field, so a server-side error can bring the user back to it. */
const STEP_OF: Record<string, number> = {
  name: 0, code: 0, governingBody: 0, provinceCode: 1, communeCode: 1, hamlets: 2,
  fullName: 3, username: 3, password: 3, passwordConfirm: 3,
};
const SERVER_PATH: Record<string, string> = {
  'facility.name': 'name', 'facility.code': 'code', 'facility.governingBody': 'governingBody',
  'facility.provinceCode': 'provinceCode', 'facility.communeCode': 'communeCode',
  'admin.fullName': 'fullName', 'admin.username': 'username', 'admin.password': 'password',
};

export function SetupWizard() {
  const { t, locale } = useI18n();
  const queryClient = useQueryClient();
  const [step, setStep] = useState(0);
  const [saving, setSaving] = useState(false);
  const form = useForm<SetupValues>({
    initialValues: {
      name: '', code: '', governingBody: '', provinceCode: null, communeCode: null, hamlets: '',
      fullName: '', username: '', password: '', passwordConfirm: '',
    },
    validate: (v) => {
      const req = (s: string | null) => (s && s.trim() ? null : t('v.required'));
      const errors: Record<string, string | null> = {};
      if (step === 0) {
        errors.name = req(v.name);
        errors.code = /^[A-Za-z0-9]{5}$/.test(v.code.trim()) ? null : t('v.facilityCode');
        errors.governingBody = req(v.governingBody);
      } else if (step === 1) {
        errors.provinceCode = req(v.provinceCode);
        errors.communeCode = req(v.communeCode);
      } else if (step === 2) {
        errors.hamlets = hamletLines(v.hamlets).length ? null : t('v.hamlets');
      } else {
        errors.fullName = req(v.fullName);
        errors.username = /^[a-z0-9._]{3,32}$/.test(v.username.trim().toLowerCase()) ? null : t('v.username');
        errors.password = v.password.length >= 8 ? null : t('v.password');
        errors.passwordConfirm = v.password === v.passwordConfirm ? null : t('setup.passwordMismatch');
      }
      return errors;
    },
  });
  const provinces = useApiQuery('reference.provinces', {});
  const communes = useApiQuery('reference.communes', { provinceCode: form.values.provinceCode ?? '00' }, { enabled: Boolean(form.values.provinceCode) });

  async function submit(v: SetupValues) {
    if (step < 3) return setStep(step + 1);
    const province = provinces.data?.provinces.find((p) => p.code === v.provinceCode);
    const commune = communes.data?.communes.find((c) => c.code === v.communeCode);
    setSaving(true);
    try {
      await api.call('setup.complete', {
        facility: {
          name: v.name, code: v.code, governingBody: v.governingBody,
          provinceCode: v.provinceCode ?? '', provinceName: province?.name ?? '',
          communeCode: v.communeCode ?? '', communeName: commune?.name ?? '',
        },
        hamlets: hamletLines(v.hamlets),
        admin: { fullName: v.fullName, username: v.username, password: v.password },
        locale,
      });
      reportSuccess(t('setup.done'));
      await queryClient.invalidateQueries({ queryKey: ['setup.status'] });
    } catch (e) {
      const fields = (e as { fields?: { path: string; message: string }[] }).fields ?? [];
      const mapped = fields.map((f) => ({ ...f, path: SERVER_PATH[f.path] ?? (f.path.startsWith('hamlets') ? 'hamlets' : f.path) }));
      if (mapped[0]) setStep(STEP_OF[mapped[0].path] ?? step);
      for (const f of mapped) form.setFieldError(f.path, f.message);
      reportApiError(e);
    } finally {
      setSaving(false);
    }
  }

  return (
    <CenteredCard title={t('setup.title')} width={720}>
      <Text size="sm" c="dimmed" mb="lg">
        {t('setup.intro')}
      </Text>
      <form onSubmit={form.onSubmit(submit)} onKeyDown={(e) => e.key === 'Escape' && step > 0 && setStep(step - 1)}>
        <Stepper active={step} onStepClick={(s) => s < step && setStep(s)} size="sm" mb="xl">
          <Stepper.Step label={t('setup.step.facility')}>
            <Stack key="s0">
              <TextInput data-autofocus autoFocus label={t('setup.facilityName')} placeholder={t('setup.facilityName.placeholder')} withAsterisk {...form.getInputProps('name')} />
              <TextInput label={t('setup.facilityCode')} description={t('setup.facilityCode.hint')} maxLength={5} withAsterisk {...form.getInputProps('code')} />
              <TextInput label={t('setup.governingBody')} placeholder={t('setup.governingBody.placeholder')} withAsterisk {...form.getInputProps('governingBody')} />
            </Stack>
          </Stepper.Step>
          <Stepper.Step label={t('setup.step.location')}>
            <Stack key="s1">
              <Select
                autoFocus
                searchable
                label={t('setup.province')}
                withAsterisk
                data={(provinces.data?.provinces ?? []).map((p) => ({ value: p.code, label: p.name }))}
                {...form.getInputProps('provinceCode')}
                onChange={(v) => {
                  form.setFieldValue('provinceCode', v);
                  form.setFieldValue('communeCode', null);
                }}
              />
              <Select
                searchable
                label={t('setup.commune')}
                placeholder={form.values.provinceCode ? undefined : t('setup.commune.pickProvince')}
                disabled={!form.values.provinceCode}
                withAsterisk
                data={(communes.data?.communes ?? []).map((c) => ({ value: c.code, label: `${c.name} (${c.code})` }))}
                {...form.getInputProps('communeCode')}
              />
            </Stack>
          </Stepper.Step>
          <Stepper.Step label={t('setup.step.hamlets')}>
            <Textarea
              key="s2"
              autoFocus
              label={t('setup.hamlets.label')}
              description={t('setup.hamlets.hint')}
              autosize
              minRows={6}
              withAsterisk
              placeholder={'Thôn 1\nThôn 2\nBản Mường'}
              {...form.getInputProps('hamlets')}
              onKeyDown={(e) => {
                // Enter adds a line here; Ctrl+Enter goes to the next step.
                if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) form.onSubmit(submit)();
              }}
            />
          </Stepper.Step>
          <Stepper.Step label={t('setup.step.admin')}>
            <Stack key="s3">
              <Text size="sm" c="dimmed">
                {t('setup.admin.hint')}
              </Text>
              <TextInput autoFocus label={t('setup.fullName')} withAsterisk {...form.getInputProps('fullName')} />
              <TextInput label={t('auth.username')} autoComplete="username" withAsterisk {...form.getInputProps('username')} />
              <PasswordInput label={t('auth.password')} autoComplete="new-password" withAsterisk {...form.getInputProps('password')} />
              <PasswordInput label={t('setup.passwordConfirm')} autoComplete="new-password" withAsterisk {...form.getInputProps('passwordConfirm')} />
            </Stack>
          </Stepper.Step>
        </Stepper>
        <Group justify="space-between">
          <Button variant="default" onClick={() => setStep(step - 1)} disabled={step === 0}>
            {t('common.back')}
          </Button>
          <Button type="submit" loading={saving}>
            {step < 3 ? t('common.next') : t('common.finish')}
          </Button>
        </Group>
      </form>
    </CenteredCard>
  );
}

function hamletLines(text: string): string[] {
  return text
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
}
