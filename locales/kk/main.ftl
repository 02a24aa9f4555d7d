# Әр беттің безендірілуі: тақырып, төменгі бөлік, мазмұнға өту, тілді таңдау.
site-skip = Мазмұнға өту
site-nav = Басты мәзір
nav-contests = Байқаулар
nav-admin = Әкімшілік
nav-account = Сіздің тіркелгіңіз
nav-sign-out = Шығу
nav-sign-in = Кіру
nav-register = Тіркелу
site-footer = photojury · әр жұмысты қазылар алқасы тек нөмірі бойынша бағалайды
language-label = Тіл
