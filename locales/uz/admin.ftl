# Administratorlarga beriladigan, xato sahifasigacha yetadigan rad javoblari.
# (Administrator sahifalari hozircha inglizcha: docs/known-gaps.md.)
admin-awards-after-finalize = Mukofotlar natijalar yakunlangandan keyin beriladi.
round-none-open = Hozir yopiladigan bosqich yoʻq; baholash qaysi bosqichda ekanini koʻrish uchun sahifani yangilang.
retention-not-days = Kunlarni 0 dan 36500 gacha butun son bilan kiriting yoki fayllarni saqlash uchun maydonni boʻsh qoldiring.
