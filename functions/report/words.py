"""Words of the operator's documents and pages, Bahasa Indonesia first."""
from __future__ import annotations

WORDS = {
    "id": {
        "title": "Laporan Survei Kepuasan Masyarakat", "period": "Periode", "unit": "Unit layanan",
        "ikm": "Indeks Kepuasan Masyarakat (IKM)", "grade": "Mutu pelayanan", "performance": "Kinerja unit",
        "respondents": "Responden", "required": "sampel minimal", "reached": "terpenuhi", "not_reached": "belum terpenuhi",
        "interval": "Nilai interval", "ci": "Selang kepercayaan 95%", "elements": "Nilai per unsur pelayanan",
        "no": "No", "code": "Kode", "element": "Unsur pelayanan", "score_sum": "Jumlah nilai",
        "answers": "Jumlah jawaban", "nrr": "NRR", "weighted": "NRR tertimbang", "total": "IKM (nilai interval)",
        "converted": "IKM konversi", "chart": "NRR per unsur (skala 1–4)", "method": "Catatan metode",
        "method_text": "Dihitung sesuai Peraturan Menteri PANRB Nomor 14 Tahun 2017. NRR unsur = jumlah nilai ÷ jumlah "
                       "jawaban; IKM = Σ NRR × 1/k (k = jumlah unsur yang dijawab pada versi kuesioner); IKM konversi = "
                       "IKM × 25. Bobot memakai pecahan 1/k yang tepat; pembulatan (setengah ke atas) hanya untuk "
                       "tampilan, dan mutu ditentukan dari nilai konversi dua desimal. Sampel minimal: tabel Krejcie & "
                       "Morgan dari jumlah pengguna layanan per triwulan. Selang kepercayaan 95%: t(0,975; n−1) × s/√n × "
                       "25 atas rata-rata nilai tiap responden, dengan koreksi populasi terbatas. Isian yang ditandai "
                       "sebagai spam tidak dihitung ({excluded} isian pada periode ini).",
        "page": "Halaman", "of": "dari", "no_answers": "Belum ada responden pada periode ini.",
        "trend": "Perkembangan IKM", "quarter": "Triwulan", "no_trend": "Belum ada data triwulan sebelumnya.",
        "profile": "Profil responden", "group": "Kelompok", "share": "Persentase",
        "profile_head": ("Kelompok", "Responden", "%", "IKM", "Mutu"),
        "dim_gender": "Jenis kelamin", "dim_age_band": "Umur", "dim_education": "Pendidikan",
        "dim_occupation": "Pekerjaan", "dim_service": "Jenis layanan",
        "weakest": "Unsur terendah dan rencana tindak lanjut", "action": "Rencana tindak lanjut",
        "owner": "Penanggung jawab", "due": "Target waktu",
        "suggestions": "Saran dan pengaduan", "received": "Diterima", "answered": "Ditanggapi",
        "median_reply": "Median waktu tanggapan pertama", "hours": "jam", "latest": "Saran terbaru",
        "no_suggestions": "Tidak ada saran pada periode ini.", "status": "Status", "date": "Tanggal",
        "signature": "Mengetahui,", "head": "Kepala unit layanan",
        "recap_title": "Rekapitulasi Indeks Kepuasan Masyarakat", "rank": "Peringkat",
        "recap_head": ("No", "Unit layanan", "Responden", "Sampel minimal", "Sampel", "IKM", "Mutu", "Kinerja"),
        "sample": "Sampel", "region_row": "Seluruh unit", "units_reached": "unit memenuhi sampel minimal",
        "status_baru": "Baru", "status_ditanggapi": "Ditanggapi", "status_selesai": "Selesai",
    },
    "en": {
        "title": "Public Satisfaction Survey Report", "period": "Period", "unit": "Service unit",
        "ikm": "Public Satisfaction Index (IKM)", "grade": "Service grade", "performance": "Unit performance",
        "respondents": "Respondents", "required": "minimum sample", "reached": "reached", "not_reached": "not reached",
        "interval": "Interval value", "ci": "95% confidence interval", "elements": "Score per service element",
        "no": "No", "code": "Code", "element": "Service element", "score_sum": "Sum of scores",
        "answers": "Answers", "nrr": "NRR", "weighted": "Weighted NRR", "total": "IKM (interval value)",
        "converted": "Converted IKM", "chart": "NRR per element (scale 1–4)", "method": "Method note",
        "method_text": "Computed as set by PermenPAN-RB 14/2017. Element NRR = sum of scores ÷ number of answers; "
                       "IKM = Σ NRR × 1/k (k = elements answered in the questionnaire version); converted IKM = IKM × "
                       "25. Weights use the exact fraction 1/k; rounding (half up) is for display only, and the grade "
                       "follows the converted value at two decimals. Minimum sample: Krejcie & Morgan from the unit's "
                       "service users per quarter. 95% confidence interval: t(0.975, n−1) × s/√n × 25 over each "
                       "respondent's mean score, with the finite population correction. Responses marked as spam are "
                       "not counted ({excluded} in this period).",
        "page": "Page", "of": "of", "no_answers": "No respondents in this period yet.",
        "trend": "IKM over time", "quarter": "Quarter", "no_trend": "No earlier quarters yet.",
        "profile": "Respondent profile", "group": "Group", "share": "Share",
        "profile_head": ("Group", "Respondents", "%", "IKM", "Grade"),
        "dim_gender": "Gender", "dim_age_band": "Age", "dim_education": "Education",
        "dim_occupation": "Occupation", "dim_service": "Service",
        "weakest": "Weakest elements and follow-up plan", "action": "Follow-up action",
        "owner": "Responsible", "due": "Due",
        "suggestions": "Suggestions and complaints", "received": "Received", "answered": "Answered",
        "median_reply": "Median time to first reply", "hours": "hours", "latest": "Latest suggestions",
        "no_suggestions": "No suggestions in this period.", "status": "Status", "date": "Date",
        "signature": "Acknowledged,", "head": "Head of the service unit",
        "recap_title": "Public Satisfaction Index Recap", "rank": "Rank",
        "recap_head": ("Rank", "Service unit", "Respondents", "Minimum sample", "Sample", "IKM", "Grade", "Performance"),
        "sample": "Sample", "region_row": "All units", "units_reached": "units reached the minimum sample",
        "status_baru": "New", "status_ditanggapi": "Answered", "status_selesai": "Closed",
    },
}

AREA_WORDS = {
    "id": {
        "area": "Area operator", "sign_in": "Masuk", "token": "Token operator", "sign_out": "Keluar",
        "token_help": "Token diberikan oleh Bagian Organisasi (perintah skm operator add). Jangan bagikan token Anda.",
        "signed_in_as": "Masuk sebagai", "bureau": "Bagian Organisasi (semua unit)", "your_units": "Unit Anda",
        "choose_quarter": "Triwulan", "show": "Tampilkan", "open": "Buka",
        "recap": "Rekap seluruh unit", "recap_pdf": "Rekap PDF", "recap_csv": "Rekap CSV",
        "report": "Laporan triwulan", "get_link": "Dapatkan tautan laporan", "language": "Bahasa laporan",
        "link_ready": "Tautan laporan siap", "expires": "Berlaku sampai", "link_note": "Tautan ini kedaluwarsa; mintalah tautan baru bila perlu.",
        "not_aggregated": "Triwulan ini belum diagregasi; laporan dan rencana tindak lanjut tersedia setelah agregasi.",
        "plan": "Rencana tindak lanjut", "plan_help": "Untuk tiga unsur dengan nilai terendah. Isian tampil di laporan PDF; baris kosong dicetak untuk diisi tangan.",
        "save": "Simpan", "complaints": "Saran dan pengaduan", "no_complaints": "Belum ada saran atau pengaduan pada triwulan ini.",
        "receipt": "Kode", "reply": "Tanggapan untuk warga", "send": "Simpan tanggapan", "replied": "Tanggapan",
        "mark_spam": "Tandai spam", "not_spam": "Bukan spam", "flagged": "Isian yang tidak dihitung",
        "flagged_help": "Ditandai otomatis (mis. terlalu cepat) atau oleh operator. Isian yang dinyatakan bukan spam dihitung lagi pada agregasi berikutnya.",
        "no_flagged": "Tidak ada isian yang ditandai.", "flags": "Tanda", "verdict": "Putusan operator",
        "csv": "Unduh semua isian triwulan ini (CSV)", "back": "Kembali",
    },
    "en": {
        "area": "Operator area", "sign_in": "Sign in", "token": "Operator token", "sign_out": "Sign out",
        "token_help": "The bureau gives you a token (skm operator add). Do not share it.",
        "signed_in_as": "Signed in as", "bureau": "Organisation bureau (all units)", "your_units": "Your units",
        "choose_quarter": "Quarter", "show": "Show", "open": "Open",
        "recap": "Recap of all units", "recap_pdf": "Recap PDF", "recap_csv": "Recap CSV",
        "report": "Quarterly report", "get_link": "Get report link", "language": "Report language",
        "link_ready": "Report link ready", "expires": "Valid until", "link_note": "This link expires; ask for a new one when needed.",
        "not_aggregated": "This quarter is not aggregated yet; the report and follow-up plan come after aggregation.",
        "plan": "Follow-up plan", "plan_help": "For the three weakest elements. Entries appear in the PDF; empty rows are printed to fill in by hand.",
        "save": "Save", "complaints": "Suggestions and complaints", "no_complaints": "No suggestions or complaints this quarter.",
        "receipt": "Code", "reply": "Reply to the citizen", "send": "Save reply", "replied": "Reply",
        "mark_spam": "Mark as spam", "not_spam": "Not spam", "flagged": "Responses not counted",
        "flagged_help": "Flagged automatically (e.g. too fast) or by an operator. A response declared not spam counts again at the next aggregation.",
        "no_flagged": "No flagged responses.", "flags": "Flags", "verdict": "Operator's verdict",
        "csv": "Download all of this quarter's responses (CSV)", "back": "Back",
    },
}
