# Xatlar — oluvchining tilida. Har birida mavzu va matn bor.
mail-invitation-subject = «{ $contest }» tanlovi hakamlar hayʼatiga taklif
mail-invitation-body =
    Assalomu alaykum!

    Sizni «{ $contest }» tanlovi hakamlar hayʼatiga taklif qilamiz.

    Hakamlar raqamlangan ishlarni tanlov mezonlari boʻyicha baholaydi; mualliflarini koʻrmaysiz.
    Taklifni qabul qilish va parol tanlash uchun ushbu havolani oching (u bir marta, { $days } kun davomida ishlaydi):

    { $link }

    Agar bu taklifni kutmagan boʻlsangiz, xatga eʼtibor bermang.
mail-camera-subject = { $contest }: ishingizning kameradagi asllarini yuboring
mail-camera-body =
    Assalomu alaykum!

    «{ $contest }» tanlovidagi ishingiz hakamlarning qisqa roʻyxatiga kirdi. Natijalar
    eʼlon qilinishidan oldin tashkilotchilar qisqa roʻyxatdagi har bir suratni kameradagi
    asli bilan solishtiradi: RAW fayl yoki kamera yozgan holatdagi JPEG.

    Hisob sahifangizda koʻrsatilgan har bir surat uchun uni { $due } gacha yuboring:

    { $link }

    Faylni faqat tashkilotchilar koʻradi, hakamlar hech qachon koʻrmaydi.
mail-confirm-subject = photojury uchun elektron pochtangizni tasdiqlang
mail-confirm-body =
    Assalomu alaykum!

    Kimdir (umid qilamizki, siz) shu manzil bilan photojury hisobini yaratdi.
    Uni tasdiqlash uchun ushbu havolani oching (u bir marta, { $hours } soat davomida ishlaydi):

    { $link }

    Agar bu siz boʻlmasangiz, xatga eʼtibor bermang: havolasiz hech narsa boʻlmaydi.
mail-already-subject = Sizda allaqachon photojury hisobi bor
mail-already-body =
    Assalomu alaykum!

    Kimdir (umid qilamizki, siz) shu manzil bilan photojury hisobini yaratmoqchi boʻldi,
    lekin unda hisob allaqachon bor. Bu yerdan kiring:

    { $sign_in }

    Parolni unutdingizmi? Ushbu havola yangisini tanlash imkonini beradi (u bir marta, { $minutes } daqiqa davomida ishlaydi):

    { $link }

    Agar bu siz boʻlmasangiz, xatga eʼtibor bermang: hisobingiz oʻzgarmadi.
mail-reset-subject = photojury uchun yangi parol tanlang
mail-reset-body =
    Assalomu alaykum!

    Kimdir (umid qilamizki, siz) shu manzildagi photojury hisobi uchun
    yangi parol tanlashni soʻradi. Buning uchun ushbu havolani oching (u bir marta, { $minutes } daqiqa davomida ishlaydi):

    { $link }

    Agar bu siz boʻlmasangiz, xatga eʼtibor bermang: parolingiz oʻzgarmadi.
