"""Sign-in, sign-out, invitation acceptance and password change."""

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_user, logout_user

from recruit.extensions import limiter
from recruit.permissions import EVERYONE, role_required, safe_next
from recruit.services import tokens, users
from recruit.services.errors import InvalidInput

from .forms import ChangePasswordForm, LoginForm, ResetForm, SetPasswordForm, TokenForm

bp = Blueprint("auth", __name__, url_prefix="/auth")


def _safe_next(target: str | None) -> str:
    """Only follow ``next`` to a path on this site."""
    return safe_next(target, url_for("main.dashboard"))


def _login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("main.dashboard"))
    form = LoginForm()
    if form.validate_on_submit():
        try:
            user = users.authenticate(form.email.data, form.password.data)
        except users.LoginFailed as exc:
            form.password.errors.append(str(exc))
        else:
            login_user(user, remember=form.remember.data)
            return redirect(_safe_next(request.args.get("next")))
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
def logout():
    if current_user.is_authenticated:
        users.end_sessions(current_user.id)  # this cookie and the remember-me cookie stop working, even if kept
    logout_user()
    flash("You are signed out.", "info")
    return redirect(url_for("auth.login"))


@bp.route("/invite/<token>", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def accept_invite(token: str):
    user = users.user_for_invite(token)
    if user is None:
        return render_template("auth/invite_invalid.html"), 404
    form = SetPasswordForm()
    if form.validate_on_submit():
        try:
            user = users.accept_invite(token, form.password.data)
        except InvalidInput as exc:
            form.password.errors.append(str(exc))
        else:
            logout_user()
            login_user(user)
            flash(f"Welcome, {user.name}. Your password is set.", "success")
            return redirect(url_for("main.dashboard"))
    return render_template("auth/accept_invite.html", form=form, invited=user)


@bp.route("/reset", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def reset():
    """Forgotten password: a one-time link by email; the page reads the same whether or not the address is known."""
    form = ResetForm()
    if form.validate_on_submit():
        users.start_reset(form.email.data)
        return render_template("auth/reset.html", form=None, sent=True)
    return render_template("auth/reset.html", form=form, sent=False)


@bp.route("/password", methods=["GET", "POST"])
@role_required(*EVERYONE)
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            user = users.change_password(current_user.id, form.current_password.data, form.password.data)
        except InvalidInput as exc:
            getattr(form, exc.field or "password").errors.append(str(exc))
        else:
            # Other sessions ended with the change; this one carries on under the new session version.
            remembered = current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token") in request.cookies
            login_user(user, remember=remembered)
            flash("Your password has been changed.", "success")
            return redirect(url_for("main.dashboard"))
    return render_template("auth/change_password.html", form=form)


@bp.route("/tokens", methods=["GET", "POST"])
@role_required(*EVERYONE)
def api_tokens():
    """The user's personal access tokens for the JSON API: create one (its secret shown once), see when each
    was last used, revoke."""
    form = TokenForm(allowed=tokens.allowed_scopes(current_user.role))
    secret = None
    if form.validate_on_submit():
        try:
            _token, secret = tokens.create_token(current_user.id, **form.values())
        except InvalidInput as exc:
            getattr(form, exc.field or "name").errors.append(str(exc))
        else:
            form = TokenForm(formdata=None, allowed=tokens.allowed_scopes(current_user.role))
    return render_template("auth/tokens.html", form=form, secret=secret, tokens=tokens.tokens_of(current_user.id))


@bp.route("/tokens/<int:token_id>/revoke", methods=["POST"])
@role_required(*EVERYONE)
def revoke_token(token_id: int):
    token = tokens.revoke(current_user.id, token_id)
    flash(f"Token \u201c{token.name}\u201d revoked; it no longer works.", "success")
    return redirect(url_for("auth.api_tokens"))
