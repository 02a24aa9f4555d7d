# Ар бир барактын жасалгасы: башкы бөлүк, төмөнкү бөлүк, мазмунга өтүү, тил тандоо.
site-skip = Мазмунга өтүү
site-nav = Башкы меню
nav-contests = Сынактар
nav-admin = Администрация
nav-account = Сиздин каттоо эсебиңиз
nav-sign-out = Чыгуу
nav-sign-in = Кирүү
nav-register = Катталуу
site-footer = photojury · ар бир иш калыстар тарабынан номери боюнча гана бааланат
language-label = Тил
