# Ороиши ҳар саҳифа: сарлавҳа, қисми поён, гузариш ба мундариҷа, интихоби забон.
site-skip = Гузариш ба мундариҷа
site-nav = Менюи асосӣ
nav-contests = Озмунҳо
nav-admin = Маъмурият
nav-account = Ҳисоби шумо
nav-sign-out = Баромадан
nav-sign-in = Даромадан
nav-register = Бақайдгирӣ
site-footer = photojury · ҳар як асарро ҳакамон танҳо аз рӯи рақамаш арзёбӣ мекунанд
language-label = Забон
