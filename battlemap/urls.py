from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path

from battlemap.api import api, not_found
from battlemap.core.views import favicon
from battlemap.ops.views import healthz
from battlemap.users import token_views
from battlemap.users import views as user_views

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(template_name="users/login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("language/", user_views.set_language, name="set_language"),
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", favicon, name="favicon"),
    path("api/", not_found),  # the API's root (ninja's own raises the web's HTML 404) and
    path("api/", api.urls),
    re_path(r"^api/", not_found),  # any unknown API path: 404 in the API's error shape
    path("settings/tokens/", token_views.token_settings, name="tokens"),
    path("settings/password/", user_views.password_change, name="password_change"),
    path("settings/tokens/<int:token_id>/revoke/", token_views.token_revoke_view, name="token_revoke"),
    # Each app mounts its own pages; account-scoped pages live under /accounts/<slug>/...
    path("", include("battlemap.people.urls")),
    path("", include("battlemap.deals.urls")),
    path("", include("battlemap.process.urls")),
    path("", include("battlemap.interactions.urls")),
    path("", include("battlemap.io.urls")),
    path("", include("battlemap.accounts.urls")),
    path("", include("battlemap.mail.urls")),
    path("", include("battlemap.teams.urls")),
    path("", include("battlemap.comments.urls")),
    path("", include("battlemap.training.urls")),
    path("", include("battlemap.audit.urls")),
    path("", include("battlemap.surveys.urls")),
    path("", include("battlemap.competition.urls")),
    path("", include("battlemap.reviews.urls")),
]

handler400 = "battlemap.core.errors.bad_request"  # a session not saved (database busy): said, translated
handler403 = "battlemap.core.errors.permission_denied"  # 403.html: our reason, a way back
handler500 = "battlemap.core.errors.server_error"  # 500.html, or the questionnaire's own look
