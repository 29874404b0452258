import { Rng, WeightedTable } from './rng.js';

/**
 * Vietnamese personal names: family name (họ), middle name (tên đệm) and given name (tên), by sex and generation,
 * written in NFC. Kinh family-name frequencies follow the usual published estimates (Nguyễn ≈ 38 %, Trần 11 %,
 * Lê 9.5 %, Phạm 7 %, Hoàng/Huỳnh 5 %, Phan 4.5 %, Vũ/Võ 3.9 %, Đặng 2.1 %, Bùi 2 %, Đỗ 1.4 %, Hồ 1.3 %, Ngô 1.3 %,
 * Dương 1 %, Lý 0.5 %, others ≈ 11 %). The lists of the mountain ethnic groups (Tày, Thái, Mông, Dao, Nùng) are
 * approximations from common names in the northern provinces, good enough for realistic-looking test data.
 */

export type EthnicGroup = 'kinh' | 'tay' | 'thai' | 'mong' | 'dao' | 'nung' | 'muong' | 'hoa';

/** GSO codes (QĐ 121-TCTK/PPCĐ) of the groups the generator uses. */
export const ETHNIC_CODES: Record<EthnicGroup, string> = {
  kinh: '01', tay: '02', thai: '03', hoa: '04', muong: '06', nung: '07', mong: '08', dao: '09',
};

type W = readonly (readonly [string, number])[];

export const KINH_FAMILY_NAMES: W = [
  ['Nguyễn', 38], ['Trần', 11], ['Lê', 9.5], ['Phạm', 7], ['Hoàng', 4], ['Huỳnh', 1], ['Phan', 4.5], ['Vũ', 2.5],
  ['Võ', 1.4], ['Đặng', 2.1], ['Bùi', 2], ['Đỗ', 1.4], ['Hồ', 1.3], ['Ngô', 1.3], ['Dương', 1], ['Lý', 0.5],
  // Others (≈ 11.5 % together).
  ['Đinh', 0.8], ['Trịnh', 0.8], ['Đào', 0.7], ['Mai', 0.6], ['Đoàn', 0.6], ['Trương', 0.6], ['Hà', 0.6], ['Lương', 0.5],
  ['Cao', 0.5], ['Vương', 0.3], ['Lâm', 0.3], ['Phùng', 0.3], ['Tạ', 0.3], ['Lưu', 0.3], ['Tô', 0.3], ['Chu', 0.2],
  ['Kiều', 0.2], ['Thái', 0.2], ['Triệu', 0.2], ['Lại', 0.2], ['Quách', 0.2], ['Đồng', 0.2], ['Châu', 0.2], ['Đàm', 0.2],
  ['Tống', 0.2], ['Từ', 0.1], ['Hứa', 0.1], ['Khổng', 0.1], ['Nghiêm', 0.1], ['Tăng', 0.1], ['Mạc', 0.1], ['Giang', 0.1],
  ['La', 0.1], ['Thân', 0.1], ['Doãn', 0.1], ['Âu', 0.1], ['Diệp', 0.1], ['Ông', 0.1], ['Bạch', 0.1], ['Quan', 0.1],
  ['Lục', 0.1], ['Khúc', 0.1], ['Lã', 0.1], ['Hoàng Phủ', 0.02],
];

const FAMILY: Record<EthnicGroup, W> = {
  kinh: KINH_FAMILY_NAMES,
  muong: [['Bùi', 30], ['Đinh', 25], ['Quách', 15], ['Hà', 10], ['Phạm', 8], ['Xa', 5], ['Cao', 4], ['Nguyễn', 3]],
  hoa: [['Lý', 15], ['Trương', 15], ['Lâm', 12], ['Hứa', 10], ['Lưu', 10], ['Trần', 10], ['Hoàng', 8], ['Quan', 8], ['Mã', 6], ['Vương', 6]],
  tay: [['Hoàng', 20], ['Nông', 15], ['Lương', 8], ['Ma', 6], ['Hà', 6], ['Lục', 6], ['Nguyễn', 6], ['Triệu', 5], ['Lâm', 4], ['Đàm', 4], ['Vi', 4], ['Bế', 4], ['La', 3], ['Chu', 2], ['Lý', 2], ['Hứa', 2], ['Mông', 1]],
  thai: [['Lò', 15], ['Lường', 12], ['Cầm', 10], ['Quàng', 8], ['Tòng', 8], ['Hà', 8], ['Vì', 7], ['Lù', 5], ['Điêu', 5], ['Bạc', 4], ['Lộc', 3], ['Mè', 3], ['Sa', 3], ['Hoàng', 3], ['Khằm', 2]],
  mong: [['Giàng', 18], ['Sùng', 14], ['Vàng', 14], ['Thào', 12], ['Lý', 8], ['Hầu', 6], ['Mùa', 6], ['Hạng', 5], ['Vừ', 5], ['Lầu', 4], ['Tráng', 3], ['Sình', 3], ['Cứ', 2]],
  dao: [['Triệu', 20], ['Bàn', 18], ['Đặng', 15], ['Lý', 12], ['Phùng', 8], ['Chảo', 8], ['Tẩn', 7], ['Lò', 3], ['Trần', 3], ['Hoàng', 3]],
  nung: [['Hoàng', 15], ['Nông', 12], ['Lương', 10], ['Vi', 8], ['Chu', 6], ['Lăng', 6], ['Nguyễn', 5], ['Mã', 5], ['Lộc', 5], ['Triệu', 4], ['Hứa', 4], ['Hà', 3], ['Sầm', 3], ['La', 3], ['Ninh', 2]],
};

type Era = 'old' | 'mid' | 'young';
function eraOf(birthYear: number): Era {
  return birthYear < 1975 ? 'old' : birthYear < 2000 ? 'mid' : 'young';
}

const KINH_MIDDLE: Record<'M' | 'F', Record<Era, W>> = {
  M: {
    old: [['Văn', 60], ['Đức', 6], ['Đình', 6], ['Hữu', 5], ['Xuân', 4], ['Công', 4], ['Ngọc', 3], ['Quang', 3], ['Minh', 3], ['Bá', 2], ['Trọng', 2], ['Thanh', 2], ['Viết', 1], ['Duy', 1]],
    mid: [['Văn', 40], ['Minh', 8], ['Đức', 7], ['Quang', 6], ['Hữu', 4], ['Thành', 4], ['Anh', 4], ['Công', 4], ['Đình', 4], ['Tuấn', 3], ['Xuân', 3], ['Ngọc', 3], ['Hoàng', 3], ['Duy', 3], ['Mạnh', 2], ['Trung', 2], ['Thế', 2], ['Quốc', 2]],
    young: [['Văn', 15], ['Minh', 15], ['Đức', 10], ['Gia', 10], ['Quang', 6], ['Bảo', 6], ['Anh', 6], ['Hoàng', 5], ['Tuấn', 4], ['Duy', 4], ['Đăng', 4], ['Khánh', 4], ['Nhật', 4], ['Hải', 3], ['Thành', 3], ['Trọng', 3], ['Quốc', 3], ['Thiên', 2]],
  },
  F: {
    old: [['Thị', 85], ['Ngọc', 3], ['Thu', 3], ['Thanh', 3], ['Kim', 2], ['Hồng', 2], ['Minh', 1], ['Xuân', 1]],
    mid: [['Thị', 60], ['Thu', 5], ['Ngọc', 5], ['Thanh', 5], ['Hồng', 4], ['Phương', 3], ['Thùy', 3], ['Minh', 3], ['Kim', 2], ['Mai', 2], ['Hải', 2], ['Ánh', 2], ['Diệu', 2], ['Lan', 1]],
    young: [['Thị', 25], ['Ngọc', 10], ['Khánh', 6], ['Bảo', 6], ['Minh', 6], ['Thu', 5], ['Phương', 5], ['Thảo', 4], ['Hà', 4], ['Gia', 4], ['Quỳnh', 4], ['Mai', 4], ['Tuệ', 3], ['Diệp', 3], ['An', 3], ['Hải', 3], ['Bích', 2], ['Hoài', 2]],
  },
};

/** A second middle word for four-word names ("Nguyễn Thị Thu Hà", "Trần Ngọc Bảo Anh"). */
const SECOND_MIDDLE: Record<'M' | 'F', W> = {
  M: [['Minh', 3], ['Gia', 3], ['Quốc', 2], ['Hoàng', 2], ['Đức', 2], ['Anh', 1], ['Nhật', 1]],
  F: [['Thu', 3], ['Thanh', 3], ['Bảo', 3], ['Ngọc', 2], ['Minh', 2], ['Khánh', 2], ['Phương', 2], ['Hồng', 1], ['Kim', 1]],
};

const KINH_GIVEN: Record<'M' | 'F', Record<Era, W>> = {
  M: {
    old: [['Hùng', 6], ['Dũng', 5], ['Hải', 5], ['Bình', 5], ['Thắng', 4], ['Lợi', 3], ['Tâm', 3], ['Hòa', 4], ['Sơn', 5], ['Tuấn', 3], ['Thanh', 4], ['Minh', 4], ['Quang', 3], ['Nam', 3], ['Long', 3], ['Hưng', 4], ['Phúc', 2], ['Toàn', 3], ['Thành', 4], ['Chiến', 3], ['Cường', 4], ['Hiếu', 2], ['Tùng', 2], ['Lâm', 2], ['Hoàn', 2], ['Định', 2], ['Khánh', 2], ['Đạt', 2], ['Tiến', 3], ['Vinh', 3], ['Kiên', 2], ['Thịnh', 2], ['Huấn', 1], ['Tư', 2], ['Bảy', 1], ['Tám', 1], ['Ngọ', 1], ['Tý', 1], ['Hợi', 1], ['Đông', 2], ['Xuân', 2], ['Thuận', 2], ['Lực', 1], ['Tạo', 1], ['Khải', 1]],
    mid: [['Tuấn', 5], ['Dũng', 4], ['Hùng', 4], ['Hải', 5], ['Nam', 4], ['Long', 4], ['Cường', 4], ['Hiếu', 4], ['Thắng', 3], ['Trung', 4], ['Đức', 3], ['Huy', 4], ['Quân', 3], ['Tùng', 3], ['Sơn', 3], ['Linh', 2], ['Thành', 3], ['Mạnh', 3], ['Hưng', 3], ['Phong', 3], ['Kiên', 3], ['Toàn', 3], ['Việt', 3], ['Hoàng', 3], ['Quyết', 2], ['Đạt', 3], ['Vũ', 2], ['Khoa', 2], ['Thịnh', 2], ['Lâm', 2], ['Thanh', 2], ['Hào', 1], ['Tiến', 2], ['Trường', 2], ['Tài', 2]],
    young: [['Minh', 6], ['Khang', 5], ['Phúc', 5], ['An', 5], ['Huy', 5], ['Bảo', 5], ['Khôi', 4], ['Nam', 4], ['Đức', 4], ['Long', 4], ['Hoàng', 3], ['Lâm', 3], ['Quân', 4], ['Hưng', 3], ['Kiên', 2], ['Phong', 3], ['Duy', 3], ['Tuấn', 3], ['Anh', 4], ['Đạt', 3], ['Nhật', 2], ['Vinh', 2], ['Tùng', 2], ['Sơn', 2], ['Thịnh', 2], ['Khoa', 3], ['Trí', 3], ['Hiếu', 2], ['Vũ', 2], ['Hải', 2], ['Dũng', 1], ['Tài', 2], ['Trung', 2], ['Khải', 2], ['Lộc', 2], ['Thiện', 2], ['Nguyên', 2]],
  },
  F: {
    old: [['Lan', 5], ['Hoa', 5], ['Hương', 5], ['Hồng', 4], ['Mai', 4], ['Nga', 4], ['Hằng', 3], ['Thủy', 4], ['Liên', 3], ['Xuân', 3], ['Hà', 3], ['Nhung', 3], ['Yến', 3], ['Thu', 3], ['Hạnh', 3], ['Oanh', 2], ['Loan', 3], ['Dung', 3], ['Huệ', 3], ['Lý', 2], ['Tâm', 2], ['Vân', 3], ['Thảo', 2], ['Phượng', 2], ['Thơm', 2], ['Tuyết', 2], ['Bích', 2], ['Sen', 2], ['Cúc', 2], ['Đào', 2], ['Nụ', 1], ['Mận', 1], ['Nguyệt', 2], ['Hiền', 2], ['Hòa', 2], ['Tươi', 1], ['Chanh', 1], ['Gái', 1]],
    mid: [['Trang', 5], ['Hương', 5], ['Linh', 5], ['Huyền', 5], ['Hằng', 4], ['Thảo', 4], ['Hà', 4], ['Ngọc', 3], ['Lan', 3], ['Phương', 4], ['Nga', 3], ['Hạnh', 3], ['Thủy', 3], ['Dung', 3], ['Yến', 3], ['Nhung', 3], ['Hiền', 3], ['Mai', 3], ['Anh', 3], ['Giang', 3], ['Vân', 2], ['Loan', 2], ['Tâm', 2], ['Hòa', 2], ['Quỳnh', 2], ['Oanh', 2], ['Lụa', 1], ['Duyên', 2], ['Nhàn', 2], ['Thu', 2], ['Ly', 2]],
    young: [['Linh', 6], ['Ngọc', 5], ['Vy', 5], ['Anh', 6], ['Trang', 4], ['Chi', 4], ['Hân', 4], ['My', 4], ['Nhi', 5], ['Thảo', 4], ['Hà', 3], ['Huyền', 3], ['Giang', 3], ['Phương', 3], ['Trâm', 3], ['Uyên', 3], ['Quỳnh', 3], ['Diệp', 2], ['Ngân', 3], ['Yến', 2], ['Hương', 2], ['Thư', 4], ['Nhung', 1], ['Mai', 2], ['An', 4], ['Tâm', 2], ['Như', 2], ['Châu', 2], ['Trân', 2], ['Hoa', 1], ['Ly', 2]],
  },
};

/** Given names heard among the mountain groups, mixed with the Kinh ones (most young people have Kinh names). */
const ETHNIC_GIVEN: Partial<Record<EthnicGroup, Record<'M' | 'F', W>>> = {
  tay: { M: [['Pảo', 2], ['Phủ', 2], ['Slam', 1], ['Sứ', 2], ['Tằng', 1], ['Sỉnh', 1], ['Hặc', 1], ['Khải', 2]], F: [['Slao', 1], ['Mìn', 2], ['Nhịp', 1], ['Pấu', 1], ['Lành', 2], ['Phấn', 2]] },
  thai: { M: [['Ún', 2], ['Pọm', 1], ['Chanh', 2], ['Phanh', 2], ['Hom', 2], ['Ín', 2], ['Tỉnh', 2], ['Bun', 2], ['Xiêng', 1], ['Pấng', 1]], F: [['Thoa', 2], ['Ún', 2], ['Xuân', 2], ['Phương', 2], ['Ín', 2], ['Bua', 2], ['Xính', 1], ['Kham', 1]] },
  mong: { M: [['Páo', 4], ['Dế', 3], ['Sử', 3], ['Chứ', 3], ['Lử', 2], ['Sính', 2], ['Tủa', 2], ['Pó', 2], ['Chá', 2], ['Dính', 2], ['Phừ', 2], ['Cở', 1], ['Lềnh', 1], ['Súa', 2], ['Tú', 2], ['Vảng', 1], ['Di', 2], ['Giàng', 1]], F: [['Mỷ', 4], ['Dợ', 3], ['Sua', 3], ['Pà', 3], ['Mai', 2], ['Dung', 2], ['Chở', 2], ['Máy', 2], ['Sông', 2], ['Lan', 2], ['Ly', 2], ['Xúa', 2], ['Chi', 2], ['Dí', 2]] },
  dao: { M: [['Quẩy', 3], ['Kiềm', 3], ['Chàn', 3], ['Phin', 2], ['Sáng', 3], ['Tòn', 2], ['Sành', 2], ['Chấn', 2], ['Vần', 2], ['Phú', 2], ['Tiến', 2], ['Tài', 2], ['Seng', 2]], F: [['Mẩy', 3], ['Chài', 3], ['Dảu', 2], ['Slì', 1], ['Lai', 2], ['Xuân', 2], ['Mai', 2], ['Nhất', 1], ['Cói', 1], ['Phây', 1], ['Hiền', 2], ['Kiều', 2]] },
  nung: { M: [['Páo', 2], ['Sáng', 2], ['Slấu', 1], ['Tỉnh', 2], ['Lìn', 1], ['Sầu', 1]], F: [['Mằn', 1], ['Ngải', 1], ['Slìn', 1], ['Phấn', 2], ['Nhì', 1]] },
};

const MONG_MIDDLE: Record<'M' | 'F', W> = { M: [['A', 60], ['Seo', 15], ['Văn', 10], ['Mí', 5], ['Chứ', 5], ['Sảo', 5]], F: [['Thị', 70], ['Mỷ', 10], ['Xuân', 5], ['Mai', 5], ['Thị Mai', 5], ['Thị Xuân', 5]] };
const DAO_MIDDLE: Record<'M' | 'F', W> = { M: [['Văn', 55], ['Phù', 10], ['Tòn', 10], ['Quầy', 8], ['Kiềm', 7], ['A', 10]], F: [['Thị', 65], ['Mùi', 10], ['Mẩy', 10], ['Thị Mùi', 5], ['Thị Hồng', 5], ['Lở', 5]] };

const tables = new Map<W, WeightedTable<string>>();
function table(w: W): WeightedTable<string> {
  let t = tables.get(w);
  if (!t) tables.set(w, (t = new WeightedTable(w)));
  return t;
}

export function familyNameFor(rng: Rng, group: EthnicGroup): string {
  return table(FAMILY[group]).sample(rng);
}

export interface NameRequest {
  sex: 'M' | 'F';
  birthYear: number;
  group: EthnicGroup;
  /** Children take their father's family name. */
  familyName?: string | undefined;
}

/** "Nguyễn Văn Hùng", "Trần Thị Thu Hà", "Giàng A Páo" — NFC. */
export function personName(rng: Rng, req: NameRequest): string {
  const family = req.familyName ?? familyNameFor(rng, req.group);
  const era = eraOf(req.birthYear);
  let middle: string;
  if (req.group === 'mong') middle = table(MONG_MIDDLE[req.sex]).sample(rng);
  else if (req.group === 'dao') middle = table(DAO_MIDDLE[req.sex]).sample(rng);
  else {
    middle = table(KINH_MIDDLE[req.sex][era]).sample(rng);
    const fourWords = era === 'young' ? 0.15 : era === 'mid' ? 0.08 : req.sex === 'F' ? 0.06 : 0.02;
    if (rng.chance(fourWords)) {
      const second = table(SECOND_MIDDLE[req.sex]).sample(rng);
      if (second !== middle) middle = `${middle} ${second}`;
    }
  }
  const ethnic = ETHNIC_GIVEN[req.group];
  // Older members of the mountain groups more often have names of their own language.
  const ownName = ethnic && rng.chance(req.group === 'mong' || req.group === 'dao' ? 0.75 : era === 'young' ? 0.15 : 0.35);
  const given = ownName ? table(ethnic[req.sex]).sample(rng) : table(KINH_GIVEN[req.sex][era]).sample(rng);
  // Avoid "Nguyễn Minh Minh".
  const words = middle.split(' ');
  const finalGiven = words[words.length - 1] === given ? table(KINH_GIVEN[req.sex][era]).sample(rng) : given;
  return `${family} ${middle} ${finalGiven}`.normalize('NFC');
}

/** The name as typed without diacritics ("Nguyen Van Hung"): how an unaccented duplicate record looks. */
export function withoutDiacritics(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFC');
}
