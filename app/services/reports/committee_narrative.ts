import { readSetting } from '#services/settings/app_settings'

export const NARRATIVE_KEY = 'reports.committee.narrative'

/** The parts of the report people write; the figures are never typed, they come from data. */
export interface Narrative {
  agency_parent: string
  agency: string
  number: string
  place: string
  subject: string
  intro: string
  purpose: string
  situation: string
  deployment: string
  effectiveness: string
  difficulties: string
  proposals: string
  closing: string
  recipients: string
  signer_title: string
  signer_name: string
}

/** A starting text in the shape of the programme's own report, until the committee saves theirs. */
export const DEFAULT_NARRATIVE: Narrative = {
  agency_parent: 'UBND XÃ NGHĨA PHƯƠNG',
  agency: 'BAN CHỈ ĐẠO 138',
  number: '.../BC-BCĐ',
  place: 'Nghĩa Phương',
  subject:
    'Kết quả triển khai xây dựng mô hình “Mắt ghi hình camera an ninh” trên địa bàn xã Nghĩa Phương',
  intro: '',
  purpose: '',
  situation: '',
  deployment: '',
  effectiveness: '',
  difficulties: '',
  proposals: '',
  closing:
    'Ban Chỉ đạo 138 kính báo cáo Đảng ủy xã (qua VPĐU), Thường trực HĐND xã biết và theo dõi./.',
  recipients: 'Văn phòng Đảng ủy xã;\nTT HĐND;\nLưu: BCĐ 138, VP.',
  signer_title: 'TRƯỞNG BAN',
  signer_name: '',
}

/** The report's written sections, in the report's order (the form shows one box each). */
export const NARRATIVE_PARTS = [
  'intro',
  'purpose',
  'situation',
  'deployment',
  'effectiveness',
  'difficulties',
  'proposals',
  'closing',
  'recipients',
] as const satisfies readonly (keyof Narrative)[]

export function savedNarrative() {
  return readSetting<Narrative>(NARRATIVE_KEY, DEFAULT_NARRATIVE)
}
