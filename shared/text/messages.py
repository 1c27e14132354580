"""One message catalogue for everything a citizen or operator reads, Bahasa Indonesia first.

Every entry has one shape, `key: {"id": ..., "en": ...}`; pages get a per-language view
(`words(lang)`), code asks for one message (`message(key, lang, **values)`). Dates and
numbers are written for the reader's language by Babel, never by hand.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache

LANGS = ("id", "en")

CATALOGUE: dict[str, dict[str, str]] = {
    # Errors and notices (API and pages)
    "required": {"id": "Wajib diisi.", "en": "This field is required."},
    "choose_answer": {"id": "Silakan pilih salah satu jawaban.", "en": "Please choose one answer."},
    "answer_range": {
        "id": "Jawaban harus bernilai {min} sampai {max}.",
        "en": "The answer must be between {min} and {max}.",
    },
    "unknown_item": {
        "id": "Pertanyaan ini tidak ada di kuesioner unit ini.",
        "en": "This question is not in this unit's questionnaire.",
    },
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
    "too_big": {
        "id": "Isi permintaan terlalu besar (maksimal {max} bita).",
        "en": "The request body is too large (at most {max} bytes).",
    },
    "rate_limited": {
        "id": "Terlalu banyak kiriman dari perangkat ini. Coba lagi dalam {seconds} detik.",
        "en": "Too many submissions from this device. Try again in {seconds} seconds.",
    },
    "rate_limited_lookups": {
        "id": "Terlalu banyak pencarian kode dari perangkat ini. Coba lagi dalam {seconds} detik.",
        "en": "Too many code lookups from this device. Try again in {seconds} seconds.",
    },
    "unauthorized": {"id": "Token akses tidak ada atau tidak valid.", "en": "Missing or invalid access token."},
    "forbidden": {"id": "Anda tidak berwenang untuk unit ini.", "en": "You are not authorised for this unit."},
    "bureau_only": {
        "id": "Halaman ini hanya untuk bagian organisasi. Unit Anda ada di beranda area operator.",
        "en": "This page is for the organisation bureau only. Your units are on the operator area's home page.",
    },
    "link_expired": {
        "id": "Tautan sudah kedaluwarsa. Mintalah tautan baru.",
        "en": "This link has expired. Ask for a new one.",
    },
    "link_invalid": {"id": "Tautan tidak valid.", "en": "This link is not valid."},
    "no_data": {
        "id": "Belum ada hasil agregasi untuk unit dan periode ini.",
        "en": "No aggregated results for this unit and period yet.",
    },
    "session_needed": {
        "id": "Silakan masuk dengan token operator Anda.",
        "en": "Please sign in with your operator token.",
    },
    "csrf": {
        "id": "Formulir kedaluwarsa. Muat ulang halaman lalu coba lagi.",
        "en": "This form has expired. Reload the page and try again.",
    },
    "csv_recap_only": {
        "id": 'Format CSV hanya untuk rekap seluruh unit (unit_id "*").',
        "en": 'CSV is only for the recap of all units (unit_id "*").',
    },
    "official_title": {"id": "Laporan resmi (Laporan Hasil SKM)", "en": "Official report (Laporan Hasil SKM)"},
    "official_help": {
        "id": "Laporan lengkap dengan sampul, kata pengantar, BAB I–V, lampiran dan tanda tangan, dalam Bahasa "
        "Indonesia. DOCX dapat disunting di Word sebelum ditandatangani.",
        "en": "The full report with cover, foreword, chapters I–V, appendices and signature, in Indonesian. The "
        "DOCX can be edited in Word before signing.",
    },
    "official_pdf": {"id": "Tautan PDF", "en": "PDF link"},
    "official_docx": {"id": "Tautan Word (DOCX)", "en": "Word (DOCX) link"},
    "narrative_help": {
        "id": "Kosongkan untuk memakai teks yang disusun otomatis dari angka survei. Paragraf dipisah baris kosong.",
        "en": "Leave empty to use the text written from the survey's numbers. Separate paragraphs with a blank line.",
    },
    "narrative_foreword": {"id": "Kata pengantar", "en": "Foreword"},
    "narrative_background": {"id": "Latar belakang (BAB I)", "en": "Background (chapter I)"},
    "narrative_conclusion": {"id": "Tambahan kesimpulan (BAB V)", "en": "Added conclusion (chapter V)"},
    "narrative_place": {"id": "Tempat penandatanganan", "en": "Place of signing"},
    "narrative_position": {"id": "Jabatan penanda tangan", "en": "Signatory's position"},
    "narrative_signatory": {"id": "Nama penanda tangan", "en": "Signatory's name"},
    "narrative_nip": {"id": "NIP (18 angka)", "en": "NIP (18 digits)"},
    "official_region_pdf": {"id": "Laporan resmi gabungan (PDF)", "en": "Consolidated official report (PDF)"},
    "official_region_docx": {"id": "Laporan resmi gabungan (Word)", "en": "Consolidated official report (Word)"},
    "publish": {"id": "Terbitkan periode ini", "en": "Publish this period"},
    "publish_confirm": {
        "id": "Terbitkan angka akhir {period} di situs hasil publik dan sebagai data terbuka? Setelah terbit, setiap rencana tindak lanjut yang disimpan ikut tampil.",
        "en": "Publish the final figures of {period} on the public results site and as open data? Once published, every follow-up plan saved shows there too.",
    },
    "publish_yes": {"id": "Ya, terbitkan", "en": "Yes, publish"},
    "publish_not_yet": {
        "id": "Periode ini belum dapat diterbitkan: hanya periode yang sudah berakhir dan dihitung akhir.",
        "en": "This period cannot be published yet: only a period that has ended and been computed as final.",
    },
    "published_pages": {"id": "Lihat halaman yang terbit", "en": "See the published pages"},
    "publish_help": {
        "id": "Menerbitkan angka akhir periode ini di situs hasil publik dan data terbuka (tanpa saran warga dan "
        "data pribadi). Angka sementara tidak dapat diterbitkan.",
        "en": "Publishes this period's final figures on the public results site and as open data (no citizens' "
        "suggestions, nothing personal). Provisional figures cannot be published.",
    },
    "published": {
        "id": "{period} diterbitkan: {files} berkas ditulis di situs publik.",
        "en": "{period} published: {files} files written to the public site.",
    },
    "not_final": {
        "id": "Periode ini belum punya angka akhir: jalankan agregasi setelah periode berakhir, lalu terbitkan.",
        "en": "This period has no final figures yet: aggregate it after it ends, then publish.",
    },
    "overdue": {"id": "terlambat", "en": "overdue"},
    "evidence": {"id": "Bukti (catatan atau tautan)", "en": "Evidence (a note or a link)"},
    "plan_direncanakan": {"id": "Direncanakan", "en": "Planned"},
    "plan_berjalan": {"id": "Berjalan", "en": "Under way"},
    "plan_selesai": {"id": "Selesai", "en": "Done"},
    "recap_xlsx": {"id": "Rekap (Excel)", "en": "Recap (Excel)"},
    "xlsx_responses": {"id": "Isian (Excel)", "en": "Responses (Excel)"},
    "xlsx_complaints": {"id": "Pengaduan (Excel)", "en": "Complaints (Excel)"},
    "due_past": {"id": "Target waktu tidak boleh sebelum hari ini.", "en": "The target date cannot be before today."},
    "no_reply_yet": {"id": "belum ada tanggapan", "en": "no reply yet"},
    "docx_official_only": {
        "id": 'Format DOCX hanya untuk laporan resmi ("document": "official").',
        "en": 'DOCX is only for the official report ("document": "official").',
    },
    "no_complaint": {
        "id": "Isian ini tidak berisi saran atau pengaduan.",
        "en": "This response has no suggestion or complaint.",
    },
    "status_backwards": {
        "id": "Status tidak dapat dikembalikan ke tahap sebelumnya.",
        "en": "A status cannot go back to an earlier stage.",
    },
    "reply_required": {
        "id": "Tulis tanggapan untuk warga sebelum mengubah status.",
        "en": "Write a reply to the citizen before changing the status.",
    },
    "method_pooled": {
        "id": "Angka semester dan tahun dihitung dari seluruh isian yang dihitung selama periode itu (NRR tiap "
        "unsur atas semua jawabannya, bobot atas unsur yang dijawab dalam periode), bukan rata-rata indeks "
        "triwulan; kebutuhan sampel memakai jumlah pengguna layanan seluruh triwulannya.",
        "en": "Semester and year figures pool every counted response of the period (each element's NRR over all "
        "its answers, weights over the elements answered in the period), never the mean of the quarters' "
        "indices; the required sample uses the service users of all its quarters.",
    },
    "method_provisional": {
        "id": "SEMENTARA: periode ini masih berjalan; angka akan berubah sampai periode berakhir.",
        "en": "PROVISIONAL: this period is still running; the figures will change until it ends.",
    },
    # what citizens wrote, sorted by element and kind (shared/rules/suggestions.py)
    "kind_keluhan": {"id": "Keluhan", "en": "Complaint"},
    "kind_saran": {"id": "Saran", "en": "Proposal"},
    "kind_pujian": {"id": "Pujian", "en": "Praise"},
    "kind_lainnya": {"id": "Lainnya", "en": "Other"},
    "no_element": {"id": "Tidak menyebut unsur", "en": "Names no element"},
    "suggestion_analysis": {"id": "Analisis saran dan pengaduan", "en": "Analysis of suggestions and complaints"},
    "suggestion_analysis_intro": {
        "id": "Saran dan pengaduan yang ditulis responden dikelompokkan menurut unsur pelayanan yang disebut dan "
        "jenisnya (keluhan, saran, pujian). Satu isian dapat menyebut lebih dari satu unsur. Data pribadi "
        "(nomor telepon, e-mail, NIK, nomor polisi) disamarkan.",
        "en": "Respondents' suggestions and complaints sorted by the service element they name and by kind "
        "(complaint, proposal, praise). One may name more than one element. Personal data (phone numbers, "
        "e-mail, NIK, plates) is masked.",
    },
    "suggestion_share": {"id": "Porsi dari semua isian", "en": "Share of all suggestions"},
    "suggestion_quotes": {"id": "Contoh isian", "en": "Examples"},
    "suggestion_none_yet": {
        "id": "Belum ada saran atau pengaduan yang menyebut unsur pelayanan pada periode ini.",
        "en": "No suggestion or complaint named a service element in this period.",
    },
    "suggestion_finding": {
        "id": "Unsur {element} memiliki NRR terendah ({nrr}) dan {share} % keluhan menyebut unsur ini.",
        "en": "The element {element} has the lowest NRR ({nrr}) and {share} % of complaints name it.",
    },
    "suggestion_totals": {
        "id": "{said} dari {received} isian berisi keluhan, saran atau pujian: {complaints} keluhan, "
        "{proposals} saran, {praise} pujian.",
        "en": "{said} of {received} suggestions hold a complaint, a proposal or praise: {complaints} complaints, "
        "{proposals} proposals, {praise} praise.",
    },
    "plan_theme": {"id": "{theme} ({count} keluhan dan saran)", "en": "{theme} ({count} complaints and proposals)"},
    "plan_proposals": {"id": "Yang disampaikan warga", "en": "What citizens raised"},
    "plan_proposal": {
        "id": "Tindak lanjuti yang disampaikan warga: {themes}.",
        "en": "Follow up what citizens raised: {themes}.",
    },
    "plan_proposed_note": {
        "id": "Usulan dari saran warga: ubah atau hapus sebelum menyimpan.",
        "en": "Proposed from citizens' suggestions: edit or clear it before saving.",
    },
    "most_raised": {"id": "Paling banyak disebut warga", "en": "Most raised by citizens"},
    "label_kind": {"id": "Jenis", "en": "Kind"},
    "label_elements": {"id": "Unsur", "en": "Elements"},
    "ready_title": {"id": "Kesiapan penilaian", "en": "Assessment readiness"},
    "ready_missing": {"id": "belum", "en": "missing"},
    "ready_services": {"id": "layanan", "en": "services"},
    "ready_share": {
        "id": "Unit yang siap dinilai: {ready} dari {units} ({share} %). Standar pelayanan berlaku, maklumat, pengaduan dijawab tepat waktu, hasil terbit, tindak lanjut selesai.",
        "en": "Units ready for assessment: {ready} of {units} ({share} %). Standards in force, maklumat, complaints answered in time, results published, follow-up done.",
    },
    "ready_standar": {"id": "standar pelayanan berlaku", "en": "service standards in force"},
    "ready_maklumat": {"id": "maklumat ditandatangani", "en": "maklumat signed"},
    "ready_pengaduan": {"id": "pengaduan dijawab tepat waktu", "en": "complaints answered in time"},
    "ready_hasil": {"id": "hasil periode terbit", "en": "period results published"},
    "ready_tindak_lanjut": {"id": "tindak lanjut selesai", "en": "follow-up done"},
    "ready_standar_todo": {"id": "tetapkan standar untuk setiap layanan", "en": "set a standard for every service"},
    "ready_maklumat_todo": {"id": "tanda tangani maklumat", "en": "sign the maklumat"},
    "ready_pengaduan_todo": {"id": "median waktu jawab melewati target", "en": "median reply time beyond the target"},
    "ready_hasil_todo": {"id": "biro belum menerbitkan periode ini", "en": "the bureau has not published this period"},
    "ready_tindak_lanjut_todo": {"id": "selesaikan rencana tindak lanjut", "en": "finish the follow-up plan"},
    "std_title": {"id": "Standar pelayanan dan maklumat", "en": "Service standards and maklumat"},
    "std_in_force_at": {"id": "yang berlaku pada", "en": "in force on"},
    "std_fix": {"id": "Periksa isian yang ditandai.", "en": "Check the marked fields."},
    "std_template": {
        "id": "Unduh templat Excel (satu lembar per layanan)",
        "en": "Download the Excel template (a sheet per service)",
    },
    "std_poster": {"id": "Cetak poster loket (PDF)", "en": "Print the counter poster (PDF)"},
    "std_import": {"id": "Impor templat yang sudah diisi", "en": "Import a filled template"},
    "std_import_help": {
        "id": "Setiap lembar yang terisi menjadi versi baru; semua atau tidak sama sekali.",
        "en": "Every filled sheet becomes a new version; all of it or nothing.",
    },
    "std_import_button": {"id": "Impor", "en": "Import"},
    "std_maklumat": {"id": "Maklumat pelayanan", "en": "Maklumat (service pledge)"},
    "std_maklumat_signed": {"id": "Ditandatangani", "en": "Signed"},
    "std_maklumat_text": {"id": "Isi maklumat", "en": "Text of the pledge"},
    "std_signer_name": {"id": "Nama penanda tangan", "en": "Signed by (name)"},
    "std_signer_position": {"id": "Jabatan", "en": "Position"},
    "std_signed_on": {"id": "Tanggal", "en": "Date"},
    "std_sign": {"id": "Simpan maklumat", "en": "Save the pledge"},
    "std_none_in_force": {"id": "Belum ada standar yang berlaku.", "en": "No standard in force."},
    "std_new_version": {"id": "Tambah versi baru", "en": "Add a new version"},
    "std_decree_number": {"id": "Nomor keputusan", "en": "Decree number"},
    "std_decree_date": {"id": "Tanggal keputusan", "en": "Decree date"},
    "std_effective": {"id": "Mulai berlaku", "en": "In force from"},
    "std_time_help": {"id": "Contoh: 3 hari kerja, 2 jam, 30 menit.", "en": "E.g. 3 hari kerja, 2 jam, 30 menit."},
    "std_cost_help": {"id": "Contoh: Gratis, atau Rp 5.000.", "en": "E.g. Gratis, or Rp 5.000."},
    "std_version_help": {
        "id": "Versi lama tidak diubah: versi baru berlaku mulai tanggalnya sendiri. Kosongkan komponen yang tidak diatur.",
        "en": "Old versions stay as they are: a new version takes effect from its own date. Leave empty what the decree does not set.",
    },
    "std_save_version": {"id": "Simpan versi baru", "en": "Save the new version"},
    "std_link": {"id": "Standar pelayanan", "en": "Service standards"},
    "label_correct": {"id": "Perbaiki label", "en": "Correct the label"},
    "label_corrected": {"id": "label diperbaiki operator", "en": "label corrected by an operator"},
    "label_help": {
        "id": "Perhitungan berikutnya memakai label ini, bukan label otomatis. Setiap perbaikan tercatat.",
        "en": "The next computation counts this label instead of the automatic one. Every correction is kept.",
    },
    "label_history": {"id": "Riwayat perbaikan", "en": "Corrections"},
    "label_kind_invalid": {
        "id": "Pilih jenis: keluhan, saran, pujian atau lainnya.",
        "en": "Choose a kind: complaint, proposal, praise or other.",
    },
    "label_unknown_element": {"id": "Unsur tidak dikenal.", "en": "Unknown element."},
    "page_token_invalid": {"id": "Penanda halaman tidak sah.", "en": "The page token is not valid."},
    # when the figures' data ends: every response received before then is in them
    "data_until": {"id": "data sampai {moment}", "en": "data up to {moment}"},
    "data_in": {
        "id": "Data isian masuk ke perhitungan sampai {moment}.",
        "en": "Responses have reached the computation up to {moment}.",
    },
    "provisional": {"id": "Sementara", "en": "Provisional"},
    "year_quarters": {
        "id": "Triwulan dalam tahun ini (IKM konversi, mutu · responden)",
        "en": "The year's quarters (converted index, grade · respondents)",
    },
    "bad_period": {
        "id": "Periode tidak dikenal. Tulis {forms} (triwulan, semester atau tahun).",
        "en": "Unknown period. Write {forms} (a quarter, a semester or a year).",
    },
    "period_kind_off": {
        "id": "Wilayah ini tidak melaporkan periode seperti itu; yang dilaporkan: {kinds}.",
        "en": "This region does not report such periods; it reports: {kinds}.",
    },
    "period_not_started": {
        "id": "Periode ini belum dimulai (mulai {start}).",
        "en": "This period has not started yet (it starts {start}).",
    },
    "period_running": {
        "id": "Periode ini masih berjalan dan belum ada angka sementaranya; hasil akhirnya dihitung pada {date} pukul 01.00.",
        "en": "This period is still running and has no provisional figures yet; its final results are computed on {date} at 01:00.",
    },
    "period_due": {
        "id": "Periode ini belum dihitung. Agregasi terjadwal berjalan pada {date} pukul 01.00; bagian organisasi dapat menjalankannya sekarang.",
        "en": "This period has not been computed yet. The scheduled aggregation runs on {date} at 01:00; the bureau can run it now.",
    },
    # Batches: imported files and paper forms typed in
    "cross_site_refused": {
        "id": "Permintaan ini dikirim dari situs lain dan ditolak. Buka halaman masuk dari alamat area "
        "operator, atau tekan lagi tautan masuk dari surel Anda.",
        "en": "This request was sent from another site and was refused. Open the sign-in page from the "
        "operator area's address, or press the sign-in link in your e-mail again.",
    },
    "cell_at": {"id": "Baris {line}, kolom {column}", "en": "Line {line}, column {column}"},
    "line_at": {"id": "Baris {line}", "en": "Line {line}"},
    "unknown_column": {
        "id": "Kolom tidak dikenal. Kolom yang dikenal: unit_id, submitted_at, U1–U9, IPKP1–IPKP9, IPAK1–IPAK5, "
        "gender, age, education, occupation, service, suggestion, submission_id.",
        "en": "Unknown column. Known columns: unit_id, submitted_at, U1–U9, IPKP1–IPKP9, IPAK1–IPAK5, "
        "gender, age, education, occupation, service, suggestion, submission_id.",
    },
    "repeated_column": {"id": "Kolom ini muncul lebih dari sekali.", "en": "This column appears more than once."},
    "missing_column": {
        "id": "Kolom wajib ini tidak ada di baris judul.",
        "en": "This required column is missing from the header row.",
    },
    "unit_not_yours": {
        "id": "Unit tidak dikenal atau bukan unit Anda.",
        "en": "Unknown unit, or not one of your units.",
    },
    "bad_time": {
        "id": "Tanggal/waktu tidak terbaca. Tulis dd/mm/yyyy jj:mm (mis. 24/11/2026 14:05) atau ISO 8601.",
        "en": "Unreadable date/time. Write dd/mm/yyyy hh:mm (e.g. 24/11/2026 14:05) or ISO 8601.",
    },
    "month_first": {
        "id": "Tanggal tertulis bulan/hari/tahun. Tulis hari dulu: dd/mm/yyyy (atur lokal lembar kerja ke Indonesia).",
        "en": "The date is written month/day/year. Write the day first: dd/mm/yyyy (set the sheet's locale to Indonesia).",
    },
    "paper_day_closed": {
        "id": "Tanggal ini jatuh pada triwulan yang sudah ditutup (koreksi hanya sampai {days} hari setelah triwulan berakhir).",
        "en": "This date falls in a quarter that is closed (corrections are open until {days} days after a quarter ends).",
    },
    "time_too_early": {
        "id": "Tanggal sebelum tahun {year} tidak diterima: periksa tahunnya.",
        "en": "Dates before {year} are not accepted: check the year.",
    },
    "time_in_future": {"id": "Waktu ini belum terjadi.", "en": "This time is in the future."},
    "survey_not_run": {
        "id": "Unit ini tidak menjalankan survei {survey}; kosongkan sel ini.",
        "en": "This unit does not run the {survey} survey; leave this cell empty.",
    },
    "file_unreadable": {
        "id": "Berkas tidak terbaca sebagai CSV (UTF-8/UTF-16, koma/titik koma) atau XLSX.",
        "en": "The file cannot be read as CSV (UTF-8/UTF-16, comma/semicolon) or XLSX.",
    },
    "file_empty": {"id": "Berkas tidak berisi baris data.", "en": "The file has no data rows."},
    "unknown_units_column": {
        "id": "Kolom tidak dikenal. Kolom berkas unit: unit_id, name, type, parent, service_users_per_quarter, surveys, services (atau kode_unit, nama, jenis, induk, pengguna_per_triwulan, survei, layanan).",
        "en": "Unknown column. The units file's columns: unit_id, name, type, parent, service_users_per_quarter, surveys, services.",
    },
    "unit_id_repeated": {
        "id": "Kode unit ini sudah dipakai di baris {line}.",
        "en": "This unit code is already used on line {line}.",
    },
    "unit_id_format": {
        "id": "Kode unit: 2–63 huruf kecil a–z, angka dan tanda hubung, diawali huruf atau angka (misalnya puskesmas-teluk-dalam).",
        "en": "Unit code: 2–63 lower-case letters a–z, digits and hyphens, starting with a letter or digit (e.g. puskesmas-teluk-dalam).",
    },
    "surveys_known": {
        "id": "Survei yang dikenal: {surveys}, dipisah titik koma; skm wajib ada; pilih ipkp atau spkp (skala 1–6), ipak atau spak, tidak keduanya.",
        "en": "Known surveys: {surveys}, separated by semicolons; skm is required; choose ipkp or spkp (1–6 scale), ipak or spak, not both.",
    },
    "day_format": {
        "id": "Tulis tanggal seperti 31/12/2026 atau 2026-12-31.",
        "en": "Write a date like 31/12/2026 or 2026-12-31.",
    },
    "standard_time_format": {
        "id": "Tulis jangka waktu seperti 3 hari kerja, 2 jam atau 30 menit.",
        "en": "Write the time like 3 hari kerja (working days), 2 jam (hours) or 30 menit (minutes).",
    },
    "standard_time_positive": {
        "id": "Jangka waktu harus lebih dari nol.",
        "en": "The time must be more than zero.",
    },
    "standard_cost_format": {
        "id": "Tulis satu nilai rupiah seperti Rp 5.000 atau tulis Gratis; rincian tarif masuk ke kolom teks.",
        "en": "Write one amount in rupiah like Rp 5.000, or Gratis; a list of tariffs belongs in the text.",
    },
    "standard_repeated": {
        "id": "Layanan ini dengan tanggal mulai berlaku yang sama sudah ada di lembar {sheet}.",
        "en": "This service with the same effective date is already on sheet {sheet}.",
    },
    "standard_empty_file": {
        "id": "Tidak ada standar pelayanan yang terisi di berkas ini.",
        "en": "No service standard is filled in in this file.",
    },
    "standard_too_many_sheets": {
        "id": "Terlalu banyak lembar (paling banyak {limit} layanan dalam satu berkas).",
        "en": "Too many sheets (at most {limit} services in one file).",
    },
    "standard_value_without_name": {
        "id": "Isi tanpa nama komponen di kolom A.",
        "en": "A value without a component name in column A.",
    },
    "standard_unknown_row": {
        "id": "Nama komponen tidak dikenal; gunakan nama dari templat.",
        "en": "Unknown component name; use the names of the template.",
    },
    "standard_row_repeated": {
        "id": "Komponen ini sudah ada di baris {line}.",
        "en": "This component is already on line {line}.",
    },
    "standard_version_exists": {
        "id": "Versi yang berlaku mulai tanggal ini sudah tersimpan dengan isi lain; versi baru memerlukan tanggal mulai berlaku sendiri.",
        "en": "A version in force from this date is already stored with other content; a new version needs its own effective date.",
    },
    "standard_unknown_unit": {
        "id": "Unit {unit} tidak terdaftar.",
        "en": "Unit {unit} is not registered.",
    },
    "standard_unknown_service": {
        "id": "Layanan ini tidak terdaftar untuk unit tersebut (layanan unit: {services}).",
        "en": "This service is not registered for the unit (its services: {services}).",
    },
    "standard_none_in_force": {
        "id": "Belum ada standar pelayanan yang berlaku pada akhir periode ini.",
        "en": "No service standard is in force at the end of this period.",
    },
    "standard_state_current": {"id": "berlaku pada akhir periode ini", "en": "in force at the end of this period"},
    "standard_state_upcoming": {"id": "belum berlaku", "en": "not yet in force"},
    "standard_saved": {
        "id": "Versi baru standar pelayanan tersimpan.",
        "en": "The new version of the standard is saved.",
    },
    "maklumat_saved": {"id": "Maklumat pelayanan tersimpan.", "en": "The maklumat is saved."},
    "standard_imported": {
        "id": "{added} versi standar pelayanan ditambahkan; {unchanged} sudah tersimpan sama persis.",
        "en": "{added} standard version(s) added; {unchanged} already stored exactly so.",
    },
    "whole_number": {
        "id": "Tulis bilangan bulat, misalnya 1500 atau 1.500.",
        "en": "Write a whole number, e.g. 1500 or 1.500.",
    },
    "file_too_many_rows": {
        "id": "Berkas berisi lebih dari {limit} baris isian: bagi menjadi beberapa berkas.",
        "en": "The file has more than {limit} rows: split it into several files.",
    },
    "row_too_wide": {
        "id": "Baris ini berisi lebih dari {limit} sel: periksa pemisah kolomnya.",
        "en": "This row has more than {limit} cells: check its column separator.",
    },
    "cell_too_long": {
        "id": "Isi sel lebih dari {limit} karakter.",
        "en": "The cell holds more than {limit} characters.",
    },
    "file_too_slow": {
        "id": "Berkas tidak selesai dibaca dalam {limit} detik: bagi menjadi beberapa berkas.",
        "en": "The file could not be read within {limit} seconds: split it into several files.",
    },
    "file_unzips_too_big": {
        "id": "Isi berkas XLSX terlalu besar setelah dibuka (lebih dari {limit} MB): simpan sebagai CSV "
        "atau bagi berkasnya.",
        "en": "The XLSX file unpacks to more than {limit} MB: save it as CSV or split it.",
    },
    "more_errors": {"id": "… dan {count} kesalahan lain.", "en": "… and {count} more errors."},
    "import_refused": {
        "id": "Tidak ada yang diimpor: {count} sel perlu diperbaiki.",
        "en": "Nothing was imported: {count} cells need fixing.",
    },
    "cell_outside_table": {
        "id": "Sel ini terisi di luar kolom tabel (tidak ada nama kolom di baris 1): periksa pemisahnya; teks yang memuat tanda ; atau , harus diapit tanda kutip.",
        "en": "This cell is filled outside the table's columns (no column name on line 1): check the separators; text holding a ; or , must be quoted.",
    },
    "import_went": {
        "id": "Isian masuk ke periode menurut tanggal pengisiannya ({places}).",
        "en": "Rows went to the periods of their dates ({places}).",
    },
    "totals_skipped": {
        "id": "Baris {lines} berisi jumlah atau rata-rata dan dilewati.",
        "en": "Line {lines} holds totals or averages and was skipped.",
    },
    "saved_plan": {
        "id": "Tersimpan: rencana tindak lanjut. Bila periode ini sudah diterbitkan, situs publik ikut diperbarui.",
        "en": "Saved: the follow-up plan. If this period is published, the public site is updated too.",
    },
    "saved_texts": {
        "id": "Tersimpan: teks laporan resmi. Teks ini dipakai pada laporan resmi berikutnya yang Anda unduh.",
        "en": "Saved: the official report's texts. The next official report you download uses them.",
    },
    "saved_volume": {
        "id": "Tersimpan: jumlah pengguna layanan. Laporan unit berikutnya yang diunduh memakai angka ini untuk sampel minimal dan tingkat respons; dasbor dan rekap mengikutinya setelah penghitungan berikutnya (setiap malam pukul 01.00).",
        "en": "Saved: the citizens served. The next unit report downloaded uses it for the minimum sample and response rate; the dashboard and recap follow after the next run (every night at 01:00).",
    },
    # Column headers of the staff's exports (shared.reports.tables.column_label)
    "col_period": {"id": "Periode", "en": "Period"},
    "col_provisional": {"id": "Sementara", "en": "Provisional"},
    "col_rank": {"id": "Peringkat", "en": "Rank"},
    "col_unit_id": {"id": "Kode unit", "en": "Unit code"},
    "col_unit_name": {"id": "Nama unit", "en": "Unit name"},
    "col_unit_type": {"id": "Jenis unit", "en": "Unit type"},
    "col_respondents": {"id": "Responden", "en": "Respondents"},
    "col_required_sample": {"id": "Sampel minimal", "en": "Minimum sample"},
    "col_sample_reached": {"id": "Sampel terpenuhi", "en": "Sample reached"},
    "col_enough_data": {"id": "Data cukup", "en": "Enough data"},
    "col_index_value": {"id": "Nilai interval", "en": "Interval value"},
    "col_index_converted": {"id": "IKM konversi", "en": "Converted index"},
    "col_ci_low": {"id": "Batas bawah SK 95%", "en": "95% CI low"},
    "col_ci_high": {"id": "Batas atas SK 95%", "en": "95% CI high"},
    "col_grade": {"id": "Mutu", "en": "Grade"},
    "col_performance": {"id": "Kinerja unit", "en": "Performance"},
    "col_excluded_flagged": {"id": "Dikecualikan (ditandai)", "en": "Excluded (flagged)"},
    "col_suggestions_received": {"id": "Saran diterima", "en": "Suggestions received"},
    "col_suggestions_answered": {"id": "Saran ditanggapi", "en": "Suggestions answered"},
    "col_median_reply_hours": {"id": "Median jam tanggapan", "en": "Median reply hours"},
    "col_change_points": {"id": "Perubahan (poin)", "en": "Change (points)"},
    "col_change_verdict": {"id": "Arti perubahan", "en": "Change verdict"},
    "col_follow_up_done": {"id": "RTL selesai", "en": "Follow-up done"},
    "col_follow_up_planned": {"id": "RTL direncanakan", "en": "Follow-up planned"},
    "col_aggregation_run": {"id": "Kode proses", "en": "Run id"},
    "col_response_id": {"id": "ID isian", "en": "Response id"},
    "col_receipt": {"id": "Kode tanda terima", "en": "Receipt code"},
    "col_submitted_at": {"id": "Waktu pengisian", "en": "Answered at"},
    "col_channel": {"id": "Saluran", "en": "Channel"},
    "col_questionnaires": {"id": "Kuesioner", "en": "Questionnaires"},
    "col_age": {"id": "Umur", "en": "Age"},
    "col_gender": {"id": "Jenis kelamin", "en": "Gender"},
    "col_education": {"id": "Pendidikan", "en": "Education"},
    "col_occupation": {"id": "Pekerjaan", "en": "Occupation"},
    "col_service": {"id": "Layanan", "en": "Service"},
    "col_suggestion": {"id": "Saran dan pengaduan", "en": "Suggestion or complaint"},
    "col_complaint_status": {"id": "Status pengaduan", "en": "Complaint status"},
    "col_reply": {"id": "Tanggapan", "en": "Reply"},
    "col_first_reply_at": {"id": "Waktu tanggapan pertama", "en": "First reply at"},
    "col_flags": {"id": "Tanda", "en": "Flags"},
    "col_spam_verdict": {"id": "Keputusan spam", "en": "Spam verdict"},
    "col_counted": {"id": "Dihitung", "en": "Counted"},
    "bool_yes": {"id": "Ya", "en": "Yes"},
    "bool_no": {"id": "Tidak", "en": "No"},
    "import_done": {
        "id": "{added} isian baru diimpor; {known} sudah ada sebelumnya.",
        "en": "{added} new responses imported; {known} were already there.",
    },
    "digits_count": {
        "id": "Tulis {count} angka, satu per pertanyaan (tertulis {found}).",
        "en": "Type {count} digits, one per question ({found} typed).",
    },
    "digits_only": {
        "id": "Tulis {count} angka saja, satu per pertanyaan, tanpa huruf.",
        "en": "Type {count} digits only, one per question, no letters.",
    },
    "paper_title": {"id": "Entri kuesioner kertas", "en": "Typing in paper questionnaires"},
    "paper_link": {"id": "Ketik kuesioner kertas", "en": "Type in paper questionnaires"},
    "paper_help": {
        "id": "Satu baris satu kuesioner. Ketik jawaban sebagai angka berurutan (mis. 443344334), pindah sel "
        "dengan Tab, simpan dengan Enter. Baris kosong dilewati. Paling banyak {max} kuesioner sekali simpan.",
        "en": "One row per questionnaire. Type the answers as digits in order (e.g. 443344334), move with Tab, "
        "save with Enter. Empty rows are skipped. At most {max} questionnaires per save.",
    },
    "paper_row": {"id": "Baris", "en": "Row"},
    "cell_gender": {"id": "JK", "en": "Sex"},
    "cell_age": {"id": "Umur", "en": "Age"},
    "cell_education": {"id": "Pend.", "en": "Edu."},
    "cell_occupation": {"id": "Kerja", "en": "Job"},
    "cell_service": {"id": "Lay.", "en": "Serv."},
    "cell_suggestion": {"id": "Saran", "en": "Suggestion"},
    "paper_day": {"id": "Tanggal layanan", "en": "Date of service"},
    "paper_codes": {"id": "Kode profil", "en": "Profile codes"},
    "paper_saved": {"id": "{added} kuesioner tersimpan.", "en": "{added} questionnaires saved."},
    "paper_refused": {
        "id": "Belum ada yang disimpan: perbaiki {count} sel yang ditandai, isian lain tetap di halaman ini.",
        "en": "Nothing saved yet: fix the {count} marked cells; everything else you typed is kept on this page.",
    },
    "paper_mine": {"id": "Kuesioner yang saya ketik pada periode ini", "en": "Questionnaires I typed in this period"},
    "paper_none": {"id": "Belum ada.", "en": "None yet."},
    "paper_correct": {"id": "Perbaiki", "en": "Correct"},
    "paper_delete": {"id": "Hapus", "en": "Delete"},
    "paper_deleted": {"id": "Kuesioner dihapus.", "en": "Questionnaire deleted."},
    "paper_corrected": {"id": "Perbaikan tersimpan.", "en": "Correction saved."},
    "paper_locked": {
        "id": "Kuesioner ini tidak dapat diubah: hanya pengetiknya, selama periodenya terbuka.",
        "en": "This questionnaire cannot be changed: only by whoever typed it, while its period is open.",
    },
    "paper_open_until": {"id": "dapat diperbaiki sampai {date}", "en": "can be corrected until {date}"},
    "import_title": {"id": "Impor berkas", "en": "Import a file"},
    "import_help": {
        "id": "CSV (koma atau titik koma, UTF-8/UTF-16) atau XLSX dengan kolom Tanggal, {columns} dan boleh juga "
        "Jenis kelamin, Umur, Pendidikan, Pekerjaan, Layanan, Kritik dan saran. Survei selain SKM boleh tidak ada, "
        "tetapi bila ada, semua kolomnya. Diimpor seluruhnya atau tidak sama sekali.",
        "en": "CSV (comma or semicolon, UTF-8/UTF-16) or XLSX with columns Tanggal, {columns} and optionally "
        "Jenis kelamin, Umur, Pendidikan, Pekerjaan, Layanan, Kritik dan saran. Surveys other than SKM may be "
        "left out, but each one present needs all its columns. Imported whole or not at all.",
    },
    "import_template": {
        "id": "Unduh templat XLSX unit ini (pilihan jawaban sudah tersedia).",
        "en": "Download this unit's XLSX template (with the allowed answers).",
    },
    "import_file": {"id": "Berkas", "en": "File"},
    "import_button": {"id": "Impor", "en": "Import"},
    "rows_more": {"id": "Tampilkan {count} baris", "en": "Show {count} rows"},
    "volume_title": {"id": "Jumlah pengguna layanan", "en": "Citizens served"},
    "volume_help": {
        "id": "Dari buku register: berapa warga yang dilayani unit ini tiap triwulan. Sampel minimal dan tingkat "
        "respons memakai angka ini; bila kosong, angka bawaan unit ({default} per triwulan).",
        "en": "From the register: how many citizens this unit served each quarter. The minimum sample and the "
        "response rate use this number; when empty, the unit's default ({default} per quarter).",
    },
    "volume_saved": {"id": "Jumlah pengguna layanan tersimpan.", "en": "Citizens served saved."},
    "response_rate": {"id": "tingkat respons", "en": "response rate"},
    "kiosk_enrol_title": {"id": "Jadikan tablet ini kios survei", "en": "Make this tablet a survey kiosk"},
    "kiosk_enrol_text": {
        "id": "Tablet ini akan menampilkan formulir survei unit Anda untuk setiap warga yang dilayani. Tautan ini "
        "hanya dapat dipakai sekali.",
        "en": "This tablet will show your unit's survey form to every citizen served. This link works once.",
    },
    "kiosk_enrol_button": {"id": "Aktifkan kios", "en": "Start the kiosk"},
    "kiosk_link_used": {
        "id": "Tautan pendaftaran ini sudah dipakai, kedaluwarsa, atau dicabut. Mintalah tautan baru dari operator.",
        "en": "This enrolment link was used already, has expired or was revoked. Ask the operator for a new one.",
    },
    "kiosk_not_enrolled": {
        "id": "Perangkat ini bukan kios terdaftar (atau sudah dicabut). Hubungi operator unit.",
        "en": "This device is not a registered kiosk (or it was revoked). Ask the unit's operator.",
    },
    "kiosk_thanks": {
        "id": "Terima kasih! Jawaban Anda sudah kami terima.",
        "en": "Thank you! Your answers have been received.",
    },
    "kiosk_next": {
        "id": "Formulir baru akan muncul dalam {seconds} detik.",
        "en": "A new form appears in {seconds} seconds.",
    },
    "kiosk_new_form": {"id": "Isi survei baru", "en": "Start a new survey"},
    "kiosk_receipt": {
        "id": "Kode untuk memantau pengaduan Anda (catat atau foto):",
        "en": "Code to follow up your complaint (write it down or take a photo):",
    },
    "kiosk_title": {"id": "Kios survei", "en": "Survey kiosks"},
    "kiosk_help": {
        "id": "Tablet di loket: daftarkan, lalu buka tautan pendaftaran sekali di tablet itu (berlaku 24 jam).",
        "en": "A tablet at the counter: register it, then open its enrolment link once on that tablet (valid 24 hours).",
    },
    "kiosk_name": {"id": "Nama perangkat (mis. Tablet loket 1)", "en": "Device name (e.g. Counter tablet 1)"},
    "kiosk_register": {"id": "Daftarkan tablet", "en": "Register a tablet"},
    "kiosk_revoke": {"id": "Cabut", "en": "Revoke"},
    "kiosk_link": {
        "id": "Buka tautan ini sekali di tablet (atau pindai kodenya). Tautan ini tidak akan ditampilkan lagi.",
        "en": "Open this link once on the tablet (or scan its code). It will not be shown again.",
    },
    "device_active": {"id": "aktif", "en": "active"},
    "device_waiting": {"id": "menunggu pendaftaran", "en": "waiting for enrolment"},
    "device_expired": {"id": "tautan kedaluwarsa", "en": "link expired"},
    "device_revoked": {"id": "dicabut", "en": "revoked"},
    "channel_web": {"id": "Formulir daring", "en": "Online form"},
    "channel_kiosk": {"id": "Kios di loket", "en": "Counter kiosk"},
    "channel_paper": {"id": "Kuesioner kertas", "en": "Paper questionnaire"},
    "channel_import": {"id": "Impor berkas", "en": "Imported file"},
    "channel_api": {"id": "Aplikasi lain (API)", "en": "Another app (API)"},
    "next_page": {"id": "Halaman berikutnya →", "en": "Next page →"},
    "unavailable": {
        "id": "Layanan sedang sibuk. Coba lagi sebentar; isian Anda tetap tersimpan di halaman ini.",
        "en": "The service is busy. Please try again in a moment; what you entered is kept on this page.",
    },
    "unavailable_short": {
        "id": "Layanan sedang sibuk. Coba lagi sebentar.",
        "en": "The service is busy. Please try again in a moment.",
    },
    "internal": {
        "id": "Terjadi kesalahan pada server. Silakan coba lagi.",
        "en": "Something went wrong on our side. Please try again.",
    },
    # The citizen's pages
    "survey_title": {"id": "Survei Kepuasan Masyarakat", "en": "Public Satisfaction Survey"},
    "intro": {
        "id": "Jawaban Anda membantu kami memperbaiki layanan. Pilih satu jawaban untuk setiap pertanyaan.",
        "en": "Your answers help us improve this service. Choose one answer for each question.",
    },
    "privacy": {
        "id": "Survei ini anonim: kami tidak meminta nama atau nomor telepon. Data profil bersifat opsional dan hanya dipakai untuk statistik (UU 27/2022).",
        "en": "This survey is anonymous: we never ask for your name or phone number. Profile questions are optional and used only for statistics (Law 27/2022).",
    },
    "profile": {"id": "Tentang Anda (opsional)", "en": "About you (optional)"},
    "age": {"id": "Umur", "en": "Age"},
    "gender": {"id": "Jenis kelamin", "en": "Gender"},
    "gender_L": {"id": "Laki-laki", "en": "Male"},
    "gender_P": {"id": "Perempuan", "en": "Female"},
    "education": {"id": "Pendidikan terakhir", "en": "Highest education"},
    "occupation": {"id": "Pekerjaan", "en": "Occupation"},
    "service": {"id": "Layanan yang diterima", "en": "Service received"},
    "suggestion": {"id": "Saran atau pengaduan (opsional)", "en": "Suggestion or complaint (optional)"},
    "submit": {"id": "Kirim survei", "en": "Send survey"},
    "errors_title": {"id": "Ada jawaban yang perlu diperbaiki.", "en": "Some answers need fixing."},
    "unanswered_one": {"id": "Pertanyaan nomor {first} belum dijawab.", "en": "Question {first} is not answered yet."},
    "unanswered_many": {
        "id": "Ada {count} pertanyaan yang belum dijawab, mulai nomor {first}.",
        "en": "{count} questions are not answered yet, from number {first} on.",
    },
    "thanks": {"id": "Terima kasih!", "en": "Thank you!"},
    "receipt_intro": {
        "id": "Survei Anda sudah kami terima. Kode tanda terima Anda:",
        "en": "We have received your survey. Your receipt code:",
    },
    "receipt_keep": {
        "id": "Simpan kode ini untuk menanyakan tindak lanjut saran atau pengaduan Anda.",
        "en": "Keep this code to follow up on your suggestion or complaint.",
    },
    "units_title": {"id": "Pilih unit layanan", "en": "Choose a service unit"},
    "not_chosen": {"id": "— pilih —", "en": "— choose —"},
    "unit_not_found": {
        "id": "Unit layanan tidak ditemukan. Periksa kembali tautan atau kode QR.",
        "en": "Service unit not found. Please check the link or QR code.",
    },
    "unit_closed": {
        "id": "Unit layanan ini tidak lagi menerima survei. Terima kasih atas kesediaan Anda.",
        "en": "This service unit no longer takes surveys. Thank you for your willingness.",
    },
    "back_to_units": {"id": "Lihat daftar unit layanan", "en": "See all service units"},
    "search_label": {"id": "Cari unit layanan", "en": "Search service units"},
    "search_button": {"id": "Cari", "en": "Search"},
    "no_units": {"id": "Tidak ada unit layanan yang cocok.", "en": "No service unit matches."},
    "slow_down": {
        "id": "Terlalu banyak survei dikirim dari perangkat ini. Silakan coba lagi dalam {minutes} menit.",
        "en": "Too many surveys were sent from this device. Please try again in {minutes} minutes.",
    },
    "complaint_logged": {
        "id": "Saran/pengaduan Anda tercatat dengan status: {status}.",
        "en": "Your suggestion or complaint is recorded with status: {status}.",
    },
    "complaint_follow": {
        "id": "Simpan kode ini. Tanggapan petugas akan tampil di halaman ini: {url}",
        "en": "Keep this code. The staff's reply will appear on this page: {url}",
    },
    "reply_title": {"id": "Tanggapan petugas", "en": "Staff reply"},
    "praise_reply": {
        "id": "Terima kasih atas apresiasi Anda. Kami akan menjaga mutu pelayanan ini.",
        "en": "Thank you for your kind words. We will keep the service this good.",
    },
    "praise_button": {"id": "Ini pujian: ucapkan terima kasih dan selesaikan", "en": "This is praise: thank and close"},
    "overdue_reply": {"id": "Lewat target tanggap ({hours} jam)", "en": "Past the reply target ({hours} h)"},
    "status_all": {"id": "Semua", "en": "All"},
    "status_baru": {"id": "Baru", "en": "New"},
    "status_ditanggapi": {"id": "Ditanggapi", "en": "Answered"},
    "status_selesai": {"id": "Selesai", "en": "Closed"},
    "receipt_lookup_title": {"id": "Cek tanggapan pengaduan", "en": "Check the reply to a complaint"},
    "receipt_label": {"id": "Kode tanda terima", "en": "Receipt code"},
    "receipt_help": {
        "id": "8 huruf dan angka yang tampil setelah Anda mengirim survei. Huruf besar atau kecil sama saja.",
        "en": "The 8 letters and digits shown after you sent the survey. Capitals or not, either works.",
    },
    "receipt_button": {"id": "Cek", "en": "Check"},
    "receipt_format": {
        "id": "Kode tanda terima terdiri dari 8 huruf dan angka, misalnya 7KQ4MXAT.",
        "en": "A receipt code has 8 letters and digits, for example 7KQ4MXAT.",
    },
    "language_switch": {"id": "English", "en": "Bahasa Indonesia"},
    "receipt_not_found": {
        "id": "Kode tanda terima tidak ditemukan. Periksa kembali kodenya.",
        "en": "Receipt code not found. Please check the code.",
    },
    "honeypot": {"id": "Jangan isi kolom ini", "en": "Leave this field empty"},
    "questions_left": {
        "id": "Ada {count} pertanyaan yang belum dijawab.",
        "en": "{count} questions are not answered yet.",
    },
    # Reports (PDF)
    "title": {"id": "Laporan Survei Kepuasan Masyarakat", "en": "Public Satisfaction Survey Report"},
    "period": {"id": "Periode", "en": "Period"},
    "unit": {"id": "Unit layanan", "en": "Service unit"},
    "ikm": {"id": "Indeks Kepuasan Masyarakat (IKM)", "en": "Public Satisfaction Index (IKM)"},
    "grade": {"id": "Mutu pelayanan", "en": "Service grade"},
    "performance": {"id": "Kinerja unit", "en": "Unit performance"},
    "respondents": {"id": "Responden", "en": "Respondents"},
    "required_sample": {"id": "sampel minimal", "en": "minimum sample"},
    "reached": {"id": "terpenuhi", "en": "reached"},
    "not_reached": {"id": "belum terpenuhi", "en": "not reached"},
    "interval": {"id": "Nilai interval", "en": "Interval value"},
    "ci": {"id": "Selang kepercayaan 95%", "en": "95% confidence interval"},
    "elements": {"id": "Nilai per unsur pelayanan", "en": "Score per service element"},
    "no": {"id": "No", "en": "No"},
    "code": {"id": "Kode", "en": "Code"},
    "element": {"id": "Unsur pelayanan", "en": "Service element"},
    "score_sum": {"id": "Jumlah nilai", "en": "Sum of scores"},
    "answers": {"id": "Jumlah jawaban", "en": "Answers"},
    "nrr": {"id": "NRR", "en": "NRR"},
    "weighted": {"id": "NRR tertimbang", "en": "Weighted NRR"},
    "total": {"id": "IKM (nilai interval)", "en": "IKM (interval value)"},
    "converted": {"id": "IKM konversi", "en": "Converted IKM"},
    "chart": {"id": "NRR per unsur (skala 1–4)", "en": "NRR per element (scale 1–4)"},
    "method": {"id": "Catatan metode", "en": "Method note"},
    "bands": {"id": "Rentang mutu", "en": "Grade bands"},
    "method_text": {
        "id": "Dihitung sesuai Peraturan Menteri PANRB Nomor 14 Tahun 2017. NRR unsur = jumlah nilai ÷ jumlah jawaban; IKM = Σ NRR × 1/k (k = jumlah unsur yang dijawab pada versi kuesioner); IKM konversi = IKM × 25. Bobot memakai pecahan 1/k yang tepat; pembulatan (setengah ke atas) hanya untuk tampilan, dan mutu ditentukan dari nilai konversi dua desimal. {sample_rule} Selang kepercayaan 95%: t(0,975; n−1) × s/√n × 25 atas rata-rata nilai tiap responden, dengan koreksi populasi terbatas. Isian yang ditandai sebagai spam tidak dihitung ({excluded} isian pada periode ini). Isian dari semua saluran (formulir daring, kios, kuesioner kertas, impor, API) dihitung dengan cara yang sama; jumlah dan indeks per saluran ada di profil responden.",
        "en": "Computed as set by PermenPAN-RB 14/2017. Element NRR = sum of scores ÷ number of answers; IKM = Σ NRR × 1/k (k = elements answered in the questionnaire version); converted IKM = IKM × 25. Weights use the exact fraction 1/k; rounding (half up) is for display only, and the grade follows the converted value at two decimals. {sample_rule} 95% confidence interval: t(0.975, n−1) × s/√n × 25 over each respondent's mean score, with the finite population correction. Responses marked as spam are not counted ({excluded} in this period). Responses from every channel (online form, kiosk, paper, import, API) count alike; the respondent profile shows the count and index per channel.",
    },
    "page": {"id": "Halaman", "en": "Page"},
    "of": {"id": "dari", "en": "of"},
    "no_answers": {"id": "Belum ada responden pada periode ini.", "en": "No respondents in this period yet."},
    "trend": {"id": "Perkembangan IKM", "en": "IKM over time"},
    "quarter": {"id": "Triwulan", "en": "Quarter"},
    "no_trend": {"id": "Belum ada data periode sebelumnya.", "en": "No earlier periods yet."},
    "profile_title": {"id": "Profil responden", "en": "Respondent profile"},
    "group": {"id": "Kelompok", "en": "Group"},
    "share": {"id": "Persentase", "en": "Share"},
    "dim_gender": {"id": "Jenis kelamin", "en": "Gender"},
    "dim_age_band": {"id": "Umur", "en": "Age"},
    "dim_education": {"id": "Pendidikan", "en": "Education"},
    "dim_occupation": {"id": "Pekerjaan", "en": "Occupation"},
    "dim_service": {"id": "Jenis layanan", "en": "Service"},
    "dim_channel": {"id": "Saluran pengisian", "en": "How responses arrived"},
    "weakest": {"id": "Unsur terendah dan rencana tindak lanjut", "en": "Weakest elements and follow-up plan"},
    "action": {"id": "Rencana tindak lanjut", "en": "Follow-up action"},
    "owner": {"id": "Penanggung jawab", "en": "Responsible"},
    "due": {"id": "Target waktu", "en": "Due"},
    "suggestions": {"id": "Saran dan pengaduan", "en": "Suggestions and complaints"},
    "received": {"id": "Diterima", "en": "Received"},
    "answered": {"id": "Ditanggapi", "en": "Answered"},
    "median_reply": {"id": "Median waktu tanggapan pertama", "en": "Median time to first reply"},
    "hours": {"id": "jam", "en": "hours"},
    "latest": {"id": "Saran terbaru", "en": "Latest suggestions"},
    "no_suggestions": {"id": "Tidak ada saran pada periode ini.", "en": "No suggestions in this period."},
    "status": {"id": "Status", "en": "Status"},
    "date": {"id": "Tanggal", "en": "Date"},
    "signature": {"id": "Mengetahui,", "en": "Acknowledged,"},
    "head": {"id": "Kepala unit layanan", "en": "Head of the service unit"},
    "recap_title": {"id": "Rekapitulasi Indeks Kepuasan Masyarakat", "en": "Public Satisfaction Index Recap"},
    "rank": {"id": "Peringkat", "en": "Rank"},
    "sample": {"id": "Sampel", "en": "Sample"},
    "region_row": {"id": "Seluruh unit", "en": "All units"},
    "units_reached": {"id": "unit memenuhi sampel minimal", "en": "units reached the minimum sample"},
    # The operator area
    "area": {"id": "Area operator", "en": "Operator area"},
    "sign_in": {"id": "Masuk", "en": "Sign in"},
    "token": {"id": "Token operator", "en": "Operator token"},
    "sign_out": {"id": "Keluar", "en": "Sign out"},
    "token_help": {
        "id": "Belum punya akses? Mintalah tautan masuk (atau kode QR-nya) kepada Bagian Organisasi: cukup dibuka sekali, perangkat Anda tetap masuk selama 30 hari.",
        "en": "No access yet? Ask the organisation bureau for a sign-in link (or its QR code): open it once and your device stays signed in for 30 days.",
    },
    "token_alternative": {
        "id": "Atau masuk dengan token operator (untuk pengguna API)",
        "en": "Or sign in with an operator token (for API users)",
    },
    "operators_title": {"id": "Operator dan akses", "en": "Operators and access"},
    "units_admin": {"id": "Unit layanan", "en": "Service units"},
    "dashboard": {"id": "Hasil per unit", "en": "Results by unit"},
    "guide": {"id": "Panduan", "en": "Guide"},
    "page_refused": {
        "id": "Permintaan ini tidak dapat diproses. Kembali ke halaman sebelumnya lalu coba lagi.",
        "en": "This request cannot be processed. Go back to the previous page and try again.",
    },
    "on_this_page": {"id": "Bagian halaman ini", "en": "On this page"},
    "official_texts": {
        "id": "Isi laporan resmi: kata pengantar, latar belakang, kesimpulan, penanda tangan",
        "en": "The official report's texts: foreword, background, conclusion, signatory",
    },
    "all_types": {"id": "Semua jenis", "en": "All types"},
    "sort_by": {"id": "Urutkan", "en": "Sort by"},
    "sort_ikm": {"id": "IKM tertinggi", "en": "Highest IKM"},
    "sort_name": {"id": "Nama unit", "en": "Unit name"},
    "sort_sample": {"id": "Sampel paling kurang", "en": "Least sample reached"},
    "sort_complaints": {"id": "Pengaduan terbanyak", "en": "Most open complaints"},
    "sort_follow_up": {"id": "RTL paling sedikit selesai", "en": "Least follow-up done"},
    "open_complaints": {"id": "Belum ditanggapi", "en": "Not answered"},
    "open_complaints_total": {
        "id": "{count} saran dan pengaduan belum ditanggapi.",
        "en": "{count} suggestions and complaints not answered yet.",
    },
    "reply_hours": {"id": "Jam tanggap (median)", "en": "Reply hours (median)"},
    "final": {"id": "akhir", "en": "final"},
    "unit_add": {"id": "Tambah unit", "en": "Add a unit"},
    "unit_fix": {
        "id": "Ada isian yang perlu diperbaiki; tidak ada yang disimpan.",
        "en": "Some fields need fixing; nothing was saved.",
    },
    "unit_code": {"id": "Kode unit", "en": "Unit code"},
    "unit_code_help": {
        "id": "Dipakai di alamat formulir dan kode QR; tidak bisa diubah kemudian. Contoh: puskesmas-teluk-dalam.",
        "en": "Used in the form's address and QR code; cannot be changed later. E.g. puskesmas-teluk-dalam.",
    },
    "unit_id_taken": {"id": "Kode unit ini sudah dipakai unit lain.", "en": "Another unit already uses this code."},
    "unit_name": {"id": "Nama unit", "en": "Unit name"},
    "unit_type": {"id": "Jenis unit", "en": "Unit type"},
    "unit_parent": {"id": "Induk (opsional)", "en": "Parent (optional)"},
    "unit_served": {"id": "Pengguna layanan per triwulan", "en": "Service users per quarter"},
    "unit_surveys": {"id": "Survei", "en": "Surveys"},
    "unit_registered": {"id": "Terdaftar sejak", "en": "Registered since"},
    "unit_registered_help": {
        "id": "Unit masuk rekap wilayah mulai periode yang memuat tanggal ini. Kosongkan untuk hari ini.",
        "en": "The unit joins the region's recap from the period holding this date. Leave empty for today.",
    },
    "unit_services": {"id": "Jenis layanan (satu per baris, opsional)", "en": "Services (one per line, optional)"},
    "unit_services_help": {
        "id": 'Ditanyakan kepada warga sebagai "layanan yang diterima".',
        "en": "Citizens are asked which one they received.",
    },
    "unit_active": {"id": "Aktif menerima survei", "en": "Takes surveys"},
    "unit_closed_label": {"id": "Nonaktif", "en": "Closed"},
    "units_import": {"id": "Impor berkas unit", "en": "Import the units file"},
    "units_file": {"id": "Berkas unit (CSV atau XLSX)", "en": "Units file (CSV or XLSX)"},
    "units_import_help": {
        "id": "Kolom: unit_id, name, type, parent, service_users_per_quarter, surveys, services (atau kode_unit, nama, jenis, induk, pengguna_per_triwulan, survei, layanan). CSV dari Excel (titik koma, UTF-16) dan XLSX diterima. Semua baris disimpan, atau tidak ada sama sekali bila ada yang salah.",
        "en": "Columns: unit_id, name, type, parent, service_users_per_quarter, surveys, services. CSV from Excel (semicolons, UTF-16) and XLSX are taken. Every row is stored, or none at all if one is wrong.",
    },
    "units_imported": {
        "id": "Berkas unit diimpor: {added} unit baru, {updated} unit diperbarui.",
        "en": "Units file imported: {added} new units, {updated} updated.",
    },
    "operator_add": {"id": "Tambah operator", "en": "Add an operator"},
    "operator_email": {"id": "Email", "en": "Email"},
    "operator_units": {"id": "Unit yang boleh dikelola", "en": "Units they manage"},
    "operator_units_help": {
        "id": "Centang setiap unit yang dikelola orang ini. Petugas biro tidak perlu unit: ia membaca semua unit.",
        "en": "Tick every unit this person manages. Bureau staff need none: they read every unit.",
    },
    "operator_units_filter": {"id": "Saring unit (nama, jenis atau kode)", "en": "Filter units (name, type or code)"},
    "operator_units_none": {"id": "Tidak ada unit yang cocok.", "en": "No unit matches."},
    "operator_is_bureau": {
        "id": "Bagian Organisasi (semua unit, rekap, penerbitan)",
        "en": "Organisation bureau (all units, recap, publishing)",
    },
    "operator_active": {"id": "Aktif", "en": "Active"},
    "operator_revoked": {"id": "Dicabut", "en": "Revoked"},
    "operator_revoke": {"id": "Cabut akses", "en": "Revoke access"},
    "sign_in_link_make": {"id": "Buat tautan masuk", "en": "Make a sign-in link"},
    "sign_in_link_title": {"id": "Tautan masuk untuk {email}", "en": "Sign-in link for {email}"},
    "sign_in_link_help": {
        "id": "Berikan tautan atau kode QR ini kepada operator. Tautan hanya tampil sekali dan hanya bisa dipakai sekali; perangkat yang memakainya tetap masuk selama 30 hari.",
        "en": "Give this link or QR code to the operator. It is shown only now and works once; the device that uses it stays signed in for 30 days.",
    },
    "sign_in_confirm": {
        "id": "Masuk ke area operator sebagai {email}",
        "en": "Sign in to the operator area as {email}",
    },
    "sign_in_confirm_help": {
        "id": "Tekan tombol di bawah pada perangkat yang akan Anda pakai. Perangkat ini akan tetap masuk selama 30 hari.",
        "en": "Press the button below on the device you will use. It will stay signed in for 30 days.",
    },
    "sign_in_link_spent": {
        "id": "Tautan masuk ini sudah dipakai atau kedaluwarsa. Mintalah tautan baru kepada Bagian Organisasi.",
        "en": "This sign-in link was already used or has expired. Ask the organisation bureau for a new one.",
    },
    "devices_signed_in": {"id": "Perangkat yang masuk", "en": "Signed-in devices"},
    "device_since": {"id": "sejak", "en": "since"},
    "device_until": {"id": "berlaku sampai", "en": "until"},
    "device_sign_out": {"id": "Keluarkan", "en": "Sign out"},
    "no_devices": {"id": "Belum ada perangkat yang masuk.", "en": "No device signed in."},
    "audit_title": {"id": "Riwayat perubahan", "en": "Change history"},
    "audit_operator_added": {"id": "menambah operator", "en": "added operator"},
    "audit_operator_revoked": {"id": "mencabut akses", "en": "revoked access of"},
    "audit_sign_in_link_made": {"id": "membuat tautan masuk untuk", "en": "made a sign-in link for"},
    "audit_device_signed_out": {"id": "mengeluarkan perangkat milik", "en": "signed out a device of"},
    "audit_unit_added": {"id": "menambah unit", "en": "added unit"},
    "audit_unit_changed": {"id": "mengubah unit", "en": "changed unit"},
    "audit_units_imported": {"id": "mengimpor berkas unit", "en": "imported the units file"},
    "email_invalid": {
        "id": "Tulis alamat email yang lengkap, misalnya nama@pemda.go.id.",
        "en": "Write a whole email address, e.g. name@pemda.go.id.",
    },
    "units_needed": {
        "id": "Pilih minimal satu unit yang terdaftar, atau centang Bagian Organisasi.",
        "en": "Choose at least one registered unit, or tick organisation bureau.",
    },
    "revoke_self": {"id": "Anda tidak dapat mencabut akses Anda sendiri.", "en": "You cannot revoke your own access."},
    "operator_unknown": {
        "id": "Tidak ada operator aktif dengan surel {email}.",
        "en": "No active operator has the e-mail {email}.",
    },
    "signed_in_as": {"id": "Masuk sebagai", "en": "Signed in as"},
    "bureau": {"id": "Bagian Organisasi (semua unit)", "en": "Organisation bureau (all units)"},
    "choose_quarter": {"id": "Periode", "en": "Period"},
    "show": {"id": "Tampilkan", "en": "Show"},
    "open": {"id": "Buka", "en": "Open"},
    "recap": {"id": "Rekap seluruh unit", "en": "Recap of all units"},
    "recap_pdf": {"id": "Rekap PDF", "en": "Recap PDF"},
    "recap_csv": {"id": "Rekap CSV", "en": "Recap CSV"},
    "report": {"id": "Laporan periode", "en": "Report for the period"},
    "get_link": {"id": "Dapatkan tautan laporan", "en": "Get report link"},
    "language": {"id": "Bahasa laporan", "en": "Report language"},
    "link_ready": {"id": "Tautan laporan siap", "en": "Report link ready"},
    "download": {"id": "Unduh", "en": "Download"},
    "link_copy": {"id": "Alamat tautan (untuk disalin dan dibagikan)", "en": "The link's address (to copy and share)"},
    "expires": {"id": "Berlaku sampai", "en": "Valid until"},
    "link_note": {
        "id": "Tautan ini kedaluwarsa; mintalah tautan baru bila perlu.",
        "en": "This link expires; ask for a new one when needed.",
    },
    "not_aggregated": {
        "id": "Triwulan ini belum diagregasi; laporan dan rencana tindak lanjut tersedia setelah agregasi.",
        "en": "This quarter is not aggregated yet; the report and follow-up plan come after aggregation.",
    },
    "plan": {"id": "Rencana tindak lanjut", "en": "Follow-up plan"},
    "plan_help": {
        "id": "Untuk tiga unsur dengan nilai terendah. Isian tampil di laporan PDF; baris kosong dicetak untuk diisi tangan.",
        "en": "For the three weakest elements. Entries appear in the PDF; empty rows are printed to fill in by hand.",
    },
    "save": {"id": "Simpan", "en": "Save"},
    "complaints": {"id": "Saran dan pengaduan", "en": "Suggestions and complaints"},
    "inbox": {"id": "Kotak saran dan pengaduan", "en": "Suggestions and complaints inbox"},
    "inbox_link": {"id": "Pengaduan", "en": "Complaints"},
    "inbox_help": {
        "id": "Semua saran dan pengaduan unit Anda, dari semua periode. Tanggapan langsung terlihat oleh warga di halaman tanda terimanya.",
        "en": "Every suggestion and complaint of your units, from every period. A reply shows at once on the citizen's receipt page.",
    },
    "all_units": {"id": "Semua unit", "en": "All units"},
    "all_periods": {"id": "Semua periode", "en": "All periods"},
    "inbox_empty": {
        "id": "Tidak ada saran atau pengaduan dengan pilihan ini.",
        "en": "No suggestions or complaints match this choice.",
    },
    "no_complaints": {
        "id": "Belum ada saran atau pengaduan pada periode ini.",
        "en": "No suggestions or complaints in this period.",
    },
    "receipt": {"id": "Kode", "en": "Code"},
    "reply": {"id": "Tanggapan untuk warga", "en": "Reply to the citizen"},
    "send": {"id": "Simpan tanggapan", "en": "Save reply"},
    "replied": {"id": "Tanggapan", "en": "Reply"},
    "mark_spam": {"id": "Tandai spam", "en": "Mark as spam"},
    "not_spam": {"id": "Bukan spam", "en": "Not spam"},
    "flagged": {"id": "Isian yang tidak dihitung", "en": "Responses not counted"},
    "flagged_help": {
        "id": "Ditandai otomatis (mis. terlalu cepat) atau oleh operator. Isian yang dinyatakan bukan spam dihitung lagi pada agregasi berikutnya.",
        "en": "Flagged automatically (e.g. too fast) or by an operator. A response declared not spam counts again at the next aggregation.",
    },
    "no_flagged": {"id": "Tidak ada isian yang ditandai.", "en": "No flagged responses."},
    "flags": {"id": "Tanda", "en": "Flags"},
    "verdict": {"id": "Putusan operator", "en": "Operator's verdict"},
    "csv": {"id": "Unduh semua isian periode ini (CSV)", "en": "Download all responses of this period (CSV)"},
    "back": {"id": "Kembali", "en": "Back"},
    # Profile groups
    "education_SD": {"id": "SD atau lebih rendah", "en": "Primary school or less"},
    "education_SMP": {"id": "SMP", "en": "Junior high school (SMP)"},
    "education_SMA": {"id": "SMA/SMK", "en": "Senior high school (SMA/SMK)"},
    "education_D1-D3": {"id": "D1–D3", "en": "Diploma (D1–D3)"},
    "education_S1": {"id": "D4/S1", "en": "Bachelor (D4/S1)"},
    "education_S2": {"id": "S2 atau lebih tinggi", "en": "Master's or higher (S2+)"},
    "occupation_PNS": {"id": "PNS/ASN", "en": "Civil servant"},
    "occupation_TNI": {"id": "TNI", "en": "Armed forces"},
    "occupation_POLRI": {"id": "Polri", "en": "Police"},
    "occupation_SWASTA": {"id": "Pegawai swasta", "en": "Private employee"},
    "occupation_WIRAUSAHA": {"id": "Wirausaha", "en": "Self-employed"},
    "occupation_PELAJAR": {"id": "Pelajar/mahasiswa", "en": "Student"},
    "occupation_LAINNYA": {"id": "Lainnya", "en": "Other"},
    # Table headings
    "pct": {"id": "%", "en": "%"},
    "ikm_short": {"id": "IKM", "en": "IKM"},
    "grade_short": {"id": "Mutu", "en": "Grade"},
    "rank_no": {"id": "No", "en": "Rank"},
    "min_sample": {"id": "Sampel minimal", "en": "Minimum sample"},
    "change_short": {"id": "Perubahan", "en": "Change"},
    "follow_up_short": {"id": "RTL selesai", "en": "Follow-up done"},
    # Honest comparisons (shared.rules.comparison): a change is named only when significant
    "too_few": {"id": "data belum cukup", "en": "not enough data"},
    "too_few_note": {
        "id": "Data belum cukup: {respondents} responden, kurang dari minimum {minimum}. Unit tidak diperingkat dan mutunya tidak diterbitkan.",
        "en": "Not enough data: {respondents} respondents, under the minimum of {minimum}. The unit is not ranked and its grade is not published.",
    },
    "verdict_naik": {"id": "naik", "en": "up"},
    "verdict_turun": {"id": "turun", "en": "down"},
    "verdict_tidak berbeda nyata": {"id": "tidak berbeda nyata", "en": "no significant change"},
    "moved_naik": {"id": "naik", "en": "rose"},
    "moved_turun": {"id": "turun", "en": "fell"},
    "movement_significant": {
        "id": "IKM {moved} {points} poin dibanding {previous} ({before} menjadi {now}); perubahan ini berbeda nyata (uji t Welch, α = 5%).",
        "en": "IKM {moved} {points} points against {previous} ({before} to {now}), a significant change (Welch's t-test, α = 5%).",
    },
    "movement_same": {
        "id": "IKM {now} dibanding {before} pada {previous} (selisih {signed} poin): tidak berbeda nyata (uji t Welch, α = 5%).",
        "en": "IKM {now} against {before} in {previous} ({signed} points): no significant change (Welch's t-test, α = 5%).",
    },
    "movement_too_few": {
        "id": "IKM {now} dibanding {before} pada {previous} (selisih {signed} poin); data belum cukup (kurang dari {minimum} responden) untuk menyebut naik atau turun.",
        "en": "IKM {now} against {before} in {previous} ({signed} points); not enough data (under {minimum} respondents) to call it up or down.",
    },
    "movement_untested": {
        "id": "IKM {now} dibanding {before} pada {previous} (selisih {signed} poin); perubahannya belum dapat diuji.",
        "en": "IKM {now} against {before} in {previous} ({signed} points); the change cannot be tested.",
    },
    "movement_none": {
        "id": "Belum ada data periode sebelumnya untuk dibandingkan.",
        "en": "No earlier period to compare with yet.",
    },
    # Abuse flags (shared.rules.vocabulary)
    "flag_honeypot": {"id": "Kolom jebakan terisi", "en": "Hidden trap field filled"},
    "flag_too_fast": {"id": "Diisi terlalu cepat", "en": "Filled in too fast"},
    "flag_no_form_token": {"id": "Tanpa token formulir yang sah", "en": "No valid form token"},
    "flag_straight_lining": {
        "id": "Jawaban sama semua dari satu perangkat",
        "en": "Same answer everywhere from one device",
    },
    "flag_operator_spam": {"id": "Ditandai spam oleh operator", "en": "Marked as spam by an operator"},
    # Minimum sample rules (shared.rules.vocabulary), one sentence of the method note each
    "sample_rule_krejcie_morgan": {
        "id": "Sampel minimal: tabel Krejcie & Morgan dari jumlah pengguna layanan per periode.",
        "en": "Minimum sample: Krejcie & Morgan from the unit's service users in the period.",
    },
    "sample_rule_slovin": {
        "id": "Sampel minimal: rumus Slovin (galat 5%) dari jumlah pengguna layanan per periode.",
        "en": "Minimum sample: Slovin's formula (5% margin) from the unit's service users in the period.",
    },
    "sample_rule_ten_percent": {
        "id": "Sampel minimal: 10% dari jumlah pengguna layanan per periode.",
        "en": "Minimum sample: 10% of the unit's service users in the period.",
    },
}


def pick_lang(value: object, default: str = "id") -> str:
    return value if isinstance(value, str) and value in LANGS else default


def message(key: str, lang: str = "id", **values: object) -> str:
    entry = CATALOGUE[key]
    return (entry.get(lang) or entry["id"]).format(**values)


@cache
def words(lang: str) -> Mapping[str, str]:
    """Every message in one language, for templates (`w.title`, `w["status_baru"]`)."""
    return {key: entry.get(lang) or entry["id"] for key, entry in CATALOGUE.items()}
