# Har bir sahifa bezagi: sarlavha, pastki qism, mazmunga o‘tish, tilni tanlash.
site-skip = Mazmunga o‘tish
site-nav = Asosiy menyu
nav-contests = Tanlovlar
nav-admin = Boshqaruv
nav-account = Hisobingiz
nav-sign-out = Chiqish
nav-sign-in = Kirish
nav-register = Ro‘yxatdan o‘tish
site-footer = photojury · har bir ish hakamlar tomonidan faqat raqami bo‘yicha baholanadi
language-label = Til
