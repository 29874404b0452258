/** Sub-pages of Tiêm chủng, each with its own address so a workstation can be left on one of them. */
export const IMM_PATHS = {
  sessions: '/tiem-chung',
  registers: '/tiem-chung/so-tiem-chung',
  stock: '/tiem-chung/kho-vac-xin',
  reports: '/tiem-chung/bao-cao',
  session: (id: string) => `/tiem-chung/buoi-tiem/${id}`,
  day: (id: string) => `/tiem-chung/buoi-tiem/${id}/ngay-tiem`,
  summary: (id: string) => `/tiem-chung/buoi-tiem/${id}/tong-ket`,
} as const;
