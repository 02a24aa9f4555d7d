# Оформление каждой страницы: шапка, подвал, переход к содержанию, выбор языка.
site-skip = Перейти к содержанию
site-nav = Главное меню
nav-contests = Конкурсы
nav-admin = Администрирование
nav-account = Ваша учётная запись
nav-sign-out = Выйти
nav-sign-in = Войти
nav-register = Зарегистрироваться
site-footer = photojury · каждую работу жюри оценивает только по номеру
language-label = Язык
