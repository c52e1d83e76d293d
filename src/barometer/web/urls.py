from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.staticfiles.views import serve
from django.urls import path, re_path

from barometer.web import views_explorer, views_selftest, views_staff, views_survey

urlpatterns = [
    path("s/<str:token>/", views_survey.entry, name="survey-entry"),
    path("s/<str:token>/page/<slug:name>/", views_survey.page, name="survey-page"),
    path("s/<str:token>/review/", views_survey.review_page, name="survey-review"),
    path("s/<str:token>/submit/", views_survey.submit, name="survey-submit"),
    path("s/<str:token>/done/", views_survey.done, name="survey-done"),
    path("s/<str:token>/copy.pdf", views_survey.copy_pdf, name="survey-copy"),
    path("s/<str:token>/optout/", views_survey.optout, name="survey-optout"),
    path(
        "staff/login/",
        auth_views.LoginView.as_view(
            template_name="web/login.html", redirect_authenticated_user=True
        ),
        name="staff-login",
    ),
    path("staff/logout/", auth_views.LogoutView.as_view(), name="staff-logout"),
    path("staff/", views_staff.home, name="staff-home"),
    path("staff/waves/<slug:wave>/", views_staff.monitor, name="staff-monitor"),
    path("resultaten/", views_explorer.explorer, {"lang": "nl"}, name="explorer"),
    path("en/results/", views_explorer.explorer, {"lang": "en"}, name="explorer-en"),
    *[
        path(f"{base.lstrip('/')}{name}", views_explorer.download, {"lang": lang, "kind": kind})
        for lang, base in views_explorer.PATHS.items()
        for kind, name in views_explorer.FILES[lang].items()
    ],
    *[
        route
        for lang, base in views_selftest.PATHS.items()
        for route in (
            path(base.lstrip("/"), views_selftest.selftest, {"lang": lang}),
            path(f"{base.lstrip('/')}pdf/", views_selftest.selftest_pdf, {"lang": lang}),
            path(f"{base.lstrip('/')}bewaar/", views_selftest.selftest_save, {"lang": lang}),
            path(
                f"{base.lstrip('/')}r/<str:token>/", views_selftest.selftest_saved, {"lang": lang}
            ),
        )
    ],
    path("healthz", views_staff.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    # Static files from the package (a reverse proxy may serve `collectstatic` output instead).
    re_path(r"^static/(?P<path>.*)$", serve, {"insecure": True}),
]
