"""User-facing messages, Bahasa Indonesia first."""
from __future__ import annotations

LANGS = ("id", "en")

MESSAGES: dict[str, dict[str, str]] = {
    "required": {"id": "Wajib diisi.", "en": "This field is required."},
    "choose_answer": {"id": "Silakan pilih salah satu jawaban.", "en": "Please choose one answer."},
    "answer_range": {"id": "Jawaban harus bernilai {min} sampai {max}.", "en": "The answer must be between {min} and {max}."},
    "unknown_item": {"id": "Pertanyaan ini tidak ada di kuesioner unit ini.", "en": "This question is not in this unit's questionnaire."},
    "unknown_field": {"id": "Kolom ini tidak dikenal.", "en": "Unknown field."},
    "not_a_number": {"id": "Harus berupa angka bulat.", "en": "Must be a whole number."},
    "not_text": {"id": "Harus berupa teks.", "en": "Must be text."},
    "not_an_object": {"id": "Harus berupa objek JSON.", "en": "Must be a JSON object."},
    "too_long": {"id": "Terlalu panjang (maksimal {max} karakter).", "en": "Too long (at most {max} characters)."},
    "too_small": {"id": "Nilai minimal {min}.", "en": "Must be at least {min}."},
    "too_large": {"id": "Nilai maksimal {max}.", "en": "Must be at most {max}."},
    "choose_one_of": {"id": "Pilih salah satu: {choices}.", "en": "Choose one of: {choices}."},
    "bad_format": {"id": "Formatnya tidak valid.", "en": "Invalid format."},
    "invalid": {"id": "Nilai tidak valid.", "en": "Invalid value."},
    "invalid_json": {"id": "Isi permintaan bukan JSON yang valid.", "en": "The request body is not valid JSON."},
    "unknown_unit": {"id": "Unit layanan tidak ditemukan.", "en": "Service unit not found."},
    "not_found": {"id": "Halaman tidak ditemukan.", "en": "Page not found."},
    "method_not_allowed": {"id": "Metode tidak diizinkan.", "en": "Method not allowed."},
    "unsupported_media": {"id": "Jenis isi harus {expected}.", "en": "Content type must be {expected}."},
    "too_big": {"id": "Isi permintaan terlalu besar (maksimal {max} bita).", "en": "The request body is too large (at most {max} bytes)."},
    "rate_limited": {"id": "Terlalu banyak kiriman dari perangkat ini. Coba lagi dalam {seconds} detik.",
                     "en": "Too many submissions from this device. Try again in {seconds} seconds."},
    "unauthorized": {"id": "Token akses tidak ada atau tidak valid.", "en": "Missing or invalid access token."},
    "forbidden": {"id": "Anda tidak berwenang untuk unit ini.", "en": "You are not authorised for this unit."},
    "link_expired": {"id": "Tautan sudah kedaluwarsa. Mintalah tautan baru.", "en": "This link has expired. Ask for a new one."},
    "link_invalid": {"id": "Tautan tidak valid.", "en": "This link is not valid."},
    "no_data": {"id": "Belum ada hasil agregasi untuk unit dan triwulan ini.", "en": "No aggregated results for this unit and quarter yet."},
    "session_needed": {"id": "Silakan masuk dengan token operator Anda.", "en": "Please sign in with your operator token."},
    "csrf": {"id": "Formulir kedaluwarsa. Muat ulang halaman lalu coba lagi.", "en": "This form has expired. Reload the page and try again."},
    "csv_recap_only": {"id": "Format CSV hanya untuk rekap seluruh unit (unit_id \"*\").", "en": "CSV is only for the recap of all units (unit_id \"*\")."},
    "no_complaint": {"id": "Isian ini tidak berisi saran atau pengaduan.", "en": "This response has no suggestion or complaint."},
    "status_backwards": {"id": "Status tidak dapat dikembalikan ke tahap sebelumnya.", "en": "A status cannot go back to an earlier stage."},
    "reply_required": {"id": "Tulis tanggapan untuk warga sebelum mengubah status.", "en": "Write a reply to the citizen before changing the status."},
    "internal": {"id": "Terjadi kesalahan pada server. Silakan coba lagi.", "en": "Something went wrong on our side. Please try again."},
}


def pick_lang(value: object, default: str = "id") -> str:
    return value if value in LANGS else default


def message(key: str, lang: str = "id", **values: object) -> str:
    template = MESSAGES[key].get(lang) or MESSAGES[key]["id"]
    return template.format(**values)

# Words on the citizen's pages.
UI: dict[str, dict[str, str]] = {
    "id": {
        "survey_title": "Survei Kepuasan Masyarakat",
        "intro": "Jawaban Anda membantu kami memperbaiki layanan. Pilih satu jawaban untuk setiap pertanyaan.",
        "privacy": "Survei ini anonim: kami tidak meminta nama atau nomor telepon. Data profil bersifat opsional dan hanya dipakai untuk statistik (UU 27/2022).",
        "profile": "Tentang Anda (opsional)",
        "age": "Umur",
        "gender": "Jenis kelamin",
        "gender_L": "Laki-laki",
        "gender_P": "Perempuan",
        "education": "Pendidikan terakhir",
        "occupation": "Pekerjaan",
        "service": "Layanan yang diterima",
        "suggestion": "Saran atau pengaduan (opsional)",
        "submit": "Kirim survei",
        "errors_title": "Ada jawaban yang perlu diperbaiki.",
        "thanks": "Terima kasih!",
        "receipt_intro": "Survei Anda sudah kami terima. Kode tanda terima Anda:",
        "receipt_keep": "Simpan kode ini untuk menanyakan tindak lanjut saran atau pengaduan Anda.",
        "units_title": "Pilih unit layanan",
        "not_chosen": "— pilih —",
        "unit_not_found": "Unit layanan tidak ditemukan. Periksa kembali tautan atau kode QR.",
        "back_to_units": "Lihat daftar unit layanan",
        "search_label": "Cari unit layanan",
        "search_button": "Cari",
        "no_units": "Tidak ada unit layanan yang cocok.",
        "slow_down_title": "Terlalu banyak kiriman",
        "slow_down": "Terlalu banyak survei dikirim dari perangkat ini. Silakan coba lagi dalam {minutes} menit.",
        "complaint_logged": "Saran/pengaduan Anda tercatat dengan status: {status}.",
        "complaint_follow": "Simpan kode ini. Tanggapan petugas akan tampil di halaman ini: {url}",
        "status_baru": "Baru",
        "status_ditanggapi": "Ditanggapi",
        "status_selesai": "Selesai",
        "receipt_not_found": "Kode tanda terima tidak ditemukan. Periksa kembali kodenya.",
        "honeypot": "Jangan isi kolom ini",
        "questions_left": "Ada {count} pertanyaan yang belum dijawab.",
    },
    "en": {
        "survey_title": "Public Satisfaction Survey",
        "intro": "Your answers help us improve this service. Choose one answer for each question.",
        "privacy": "This survey is anonymous: we never ask for your name or phone number. Profile questions are optional and used only for statistics (Law 27/2022).",
        "profile": "About you (optional)",
        "age": "Age",
        "gender": "Gender",
        "gender_L": "Male",
        "gender_P": "Female",
        "education": "Highest education",
        "occupation": "Occupation",
        "service": "Service received",
        "suggestion": "Suggestion or complaint (optional)",
        "submit": "Send survey",
        "errors_title": "Some answers need fixing.",
        "thanks": "Thank you!",
        "receipt_intro": "We have received your survey. Your receipt code:",
        "receipt_keep": "Keep this code to follow up on your suggestion or complaint.",
        "units_title": "Choose a service unit",
        "not_chosen": "— choose —",
        "unit_not_found": "Service unit not found. Please check the link or QR code.",
        "back_to_units": "See all service units",
        "search_label": "Search service units",
        "search_button": "Search",
        "no_units": "No service unit matches.",
        "slow_down_title": "Too many submissions",
        "slow_down": "Too many surveys were sent from this device. Please try again in {minutes} minutes.",
        "complaint_logged": "Your suggestion or complaint is recorded with status: {status}.",
        "complaint_follow": "Keep this code. The staff's reply will appear on this page: {url}",
        "status_baru": "New",
        "status_ditanggapi": "Answered",
        "status_selesai": "Closed",
        "receipt_not_found": "Receipt code not found. Please check the code.",
        "honeypot": "Leave this field empty",
        "questions_left": "{count} questions are not answered yet.",
    },
}

EDUCATION_LABELS = {"SD": "SD atau lebih rendah", "SMP": "SMP", "SMA": "SMA/SMK", "D1-D3": "D1–D3", "S1": "D4/S1", "S2": "S2 atau lebih tinggi"}
OCCUPATION_LABELS = {
    "id": {"PNS": "PNS/ASN", "TNI": "TNI", "POLRI": "Polri", "SWASTA": "Pegawai swasta", "WIRAUSAHA": "Wirausaha",
           "PELAJAR": "Pelajar/mahasiswa", "LAINNYA": "Lainnya"},
    "en": {"PNS": "Civil servant", "TNI": "Armed forces", "POLRI": "Police", "SWASTA": "Private employee",
           "WIRAUSAHA": "Self-employed", "PELAJAR": "Student", "LAINNYA": "Other"},
}
