# Xato sahifalari va istalgan sahifada uchraydigan xato xabarlari.
error-title = { $status ->
    [400] Soʻrovni oʻqib boʻlmadi
    [401] Iltimos, kiring
    [403] Ruxsat yoʻq
    [404] Sahifa topilmadi
    [405] Bu yerda bunday boʻlmaydi
    [408] Juda uzoq davom etdi
    [409] Hozir buni qilib boʻlmaydi
    [410] Bu havola endi ishlamaydi
    [413] Juda katta
    [422] Shakl kutilgandek yuborilmadi
    [429] Urinishlar juda koʻp
    [503] Vaqtincha mavjud emas
   *[other] Nimadir notoʻgʻri ketdi
}
error-back = Tanlovlarga qaytish
error-code = Xato { $status }
error-not-found = Bu manzilda hech narsa yoʻq.
error-csrf = Shaklning muddati oʻtgan yoki u bu saytdan yuborilmagan. Orqaga qayting, sahifani yangilang va qayta urinib koʻring.
error-sign-in = Iltimos, kiring.
error-too-many = Urinishlar juda koʻp. Bir daqiqa kuting va qayta urinib koʻring.
error-internal = Bizning tomonda nimadir notoʻgʻri ketdi. Xato qayd etildi; qayta urinib koʻring.
error-method = Bu manzil bunday soʻrovni qabul qilmaydi.
error-timeout = Soʻrov juda uzoq keldi va toʻxtatildi. Hech narsa saqlanmadi; qayta urinib koʻring.
error-too-large = Yuborilgan maʼlumot juda katta. Hech narsa saqlanmadi.
error-form = Shakl kutilgandek yuborilmadi. Orqaga qayting, sahifani yangilang va qayta urinib koʻring.
error-bad-request = Soʻrovni tushunib boʻlmadi. Orqaga qayting, sahifani yangilang va qayta urinib koʻring.
error-database-down = Tanlov maʼlumotlar bazasi hozir javob bermayapti. Hech narsa oʻzgarmadi; bir daqiqadan keyin qayta urinib koʻring.
error-storage-down = Server hozir suratlarni saqlay olmaydi (ombor toʻla, unga yozib boʻlmaydi yoki javob bermayapti). Hech narsa saqlanmadi, tashkilotchilar sababini jurnalda koʻradi; keyinroq qayta urinib koʻring.
error-uploads-busy = Server ayni paytda juda koʻp surat qabul qilmoqda. Hech narsa saqlanmadi; bir daqiqadan keyin qayta urinib koʻring.
error-unknown-choice = Sahifada bunday tanlov yoʻq. Sahifani yangilang va qayta urinib koʻring.
error-form-too-large = Shakl juda katta.
error-admins-only = Bu sahifa tanlov administratorlari uchun.
error-phase-changed = Kimdir hozirgina tanlov bosqichini oʻzgartirdi. Sahifani yangilang va qayta urinib koʻring.
