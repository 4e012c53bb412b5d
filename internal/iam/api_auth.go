package iam

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"github.com/kehu-crm/kehu/internal/platform/httpx"
	"github.com/kehu-crm/kehu/internal/platform/i18n"
	"github.com/kehu-crm/kehu/internal/platform/reqinfo"
)

type meOutput struct {
	SetCookie http.Cookie `header:"Set-Cookie"`
	Body      MeDTO
}

type clientHeaders struct {
	UserAgent string `header:"User-Agent"`
}

func (a *API) cookie(token string, expires time.Time) http.Cookie {
	c := http.Cookie{Name: httpx.SessionCookie, Value: token, Path: "/", HttpOnly: true, Secure: a.secureCookies,
		SameSite: http.SameSiteLaxMode, Expires: expires}
	if token == "" {
		c.MaxAge = -1
		c.Expires = time.Unix(0, 0)
	}
	return c
}

func (a *API) signedIn(ctx context.Context, in *SignIn) (*meOutput, error) {
	me, err := a.svc.CurrentUser(httpxActor(ctx, in))
	if err != nil {
		return nil, err
	}
	return &meOutput{SetCookie: a.cookie(in.Token, in.Expires), Body: toMeDTO(me)}, nil
}

func (a *API) registerAuth(api huma.API) {
	httpx.Register(api, httpx.Public(), huma.Operation{
		OperationID: "getSetup", Method: http.MethodGet, Path: "/api/v1/setup", Tags: []string{"Auth"},
		Summary: "Whether first-run setup is needed",
	}, func(ctx context.Context, _ *struct{}) (*struct {
		Body struct {
			Needed bool `json:"needed"`
		}
	}, error) {
		needed, err := a.svc.SetupNeeded(ctx)
		out := &struct {
			Body struct {
				Needed bool `json:"needed"`
			}
		}{}
		out.Body.Needed = needed
		return out, err
	})

	type setupInput struct {
		clientHeaders
		Body struct {
			Email    string `json:"email" maxLength:"254"`
			Name     string `json:"name" maxLength:"100"`
			Password string `json:"password" maxLength:"256"`
			Locale   string `json:"locale" enum:"zh-CN,en"`
			TimeZone string `json:"timeZone,omitempty" maxLength:"64"`
		}
	}
	httpx.Register(api, httpx.Public(), huma.Operation{
		OperationID: "setup", Method: http.MethodPost, Path: "/api/v1/setup", Tags: []string{"Auth"},
		Summary: "Create the first administrator (only while no user exists)",
	}, func(ctx context.Context, in *setupInput) (*meOutput, error) {
		res, err := a.svc.Setup(ctx, SetupInput{Email: in.Body.Email, Name: in.Body.Name, Password: in.Body.Password,
			Locale: in.Body.Locale, TimeZone: in.Body.TimeZone}, reqinfo.From(ctx).IP, in.UserAgent)
		if err != nil {
			return nil, err
		}
		return a.signedIn(ctx, res)
	})

	type loginInput struct {
		clientHeaders
		Body struct {
			Email    string `json:"email" maxLength:"254"`
			Password string `json:"password" maxLength:"256"`
		}
	}
	httpx.Register(api, httpx.Public(), huma.Operation{
		OperationID: "login", Method: http.MethodPost, Path: "/api/v1/auth/login", Tags: []string{"Auth"},
		Summary: "Sign in with e-mail and password", Description: "Sets the session cookie. Repeated failures lock the address temporarily (429).",
	}, func(ctx context.Context, in *loginInput) (*meOutput, error) {
		res, err := a.svc.Login(ctx, Credentials{Email: in.Body.Email, Password: in.Body.Password,
			IP: reqinfo.From(ctx).IP, UserAgent: in.UserAgent})
		if err != nil {
			return nil, err
		}
		return a.signedIn(ctx, res)
	})

	type logoutInput struct {
		Session http.Cookie `cookie:"kehu_session"`
	}
	type logoutOutput struct {
		SetCookie http.Cookie `header:"Set-Cookie"`
	}
	httpx.Register(api, httpx.Public(), huma.Operation{
		OperationID: "logout", Method: http.MethodPost, Path: "/api/v1/auth/logout", Tags: []string{"Auth"},
		Summary: "Sign out", DefaultStatus: http.StatusNoContent,
	}, func(ctx context.Context, in *logoutInput) (*logoutOutput, error) {
		if err := a.svc.Logout(ctx, in.Session.Value); err != nil {
			return nil, err
		}
		return &logoutOutput{SetCookie: a.cookie("", time.Time{})}, nil
	})

	type forgotInput struct {
		Body struct {
			Email string `json:"email" maxLength:"254"`
		}
	}
	httpx.Register(api, httpx.Public(), huma.Operation{
		OperationID: "forgotPassword", Method: http.MethodPost, Path: "/api/v1/auth/forgot-password", Tags: []string{"Auth"},
		Summary: "Mail a password reset link", DefaultStatus: http.StatusAccepted,
		Description: "Always answers 202, whether or not the address belongs to an account.",
	}, func(ctx context.Context, in *forgotInput) (*httpx.Empty, error) {
		return &httpx.Empty{}, a.svc.ForgotPassword(ctx, in.Body.Email, i18n.Locale(ctx))
	})

	type resetInput struct {
		Body struct {
			Token    string `json:"token" maxLength:"200"`
			Password string `json:"password" maxLength:"256"`
		}
	}
	httpx.Register(api, httpx.Public(), huma.Operation{
		OperationID: "resetPassword", Method: http.MethodPost, Path: "/api/v1/auth/reset-password", Tags: []string{"Auth"},
		Summary: "Choose a new password with a mailed token", DefaultStatus: http.StatusNoContent,
	}, func(ctx context.Context, in *resetInput) (*httpx.Empty, error) {
		return &httpx.Empty{}, a.svc.ResetPassword(ctx, in.Body.Token, in.Body.Password)
	})

	httpx.Register(api, httpx.SignedIn(), huma.Operation{
		OperationID: "getMe", Method: http.MethodGet, Path: "/api/v1/me", Tags: []string{"Profile"},
		Summary: "The signed-in user, with roles and effective rights",
	}, func(ctx context.Context, _ *struct{}) (*struct{ Body MeDTO }, error) {
		me, err := a.svc.CurrentUser(ctx)
		if err != nil {
			return nil, err
		}
		return &struct{ Body MeDTO }{Body: toMeDTO(me)}, nil
	})

	type profileInput struct {
		Body struct {
			Name     *string `json:"name,omitempty" maxLength:"100"`
			Locale   *string `json:"locale,omitempty" enum:"zh-CN,en"`
			TimeZone *string `json:"timeZone,omitempty" maxLength:"64"`
			// NotifyEmail: also e-mail due reminders (SPEC T2); in-app notifications always appear.
			NotifyEmail *bool `json:"notifyEmail,omitempty" doc:"Also e-mail due reminders"`
		}
	}
	httpx.Register(api, httpx.SignedIn(), huma.Operation{
		OperationID: "updateMe", Method: http.MethodPatch, Path: "/api/v1/me", Tags: []string{"Profile"},
		Summary: "Change your name, language, time zone or e-mail reminder preference",
	}, func(ctx context.Context, in *profileInput) (*struct{ Body MeDTO }, error) {
		me, err := a.svc.UpdateProfile(ctx, ProfileInput{Name: in.Body.Name, Locale: in.Body.Locale, TimeZone: in.Body.TimeZone,
			NotifyEmail: in.Body.NotifyEmail})
		if err != nil {
			return nil, err
		}
		return &struct{ Body MeDTO }{Body: toMeDTO(me)}, nil
	})

	type passwordInput struct {
		Session http.Cookie `cookie:"kehu_session"`
		Body    struct {
			CurrentPassword string `json:"currentPassword" maxLength:"256"`
			NewPassword     string `json:"newPassword" maxLength:"256"`
		}
	}
	httpx.Register(api, httpx.SignedIn(), huma.Operation{
		OperationID: "changePassword", Method: http.MethodPost, Path: "/api/v1/me/password", Tags: []string{"Profile"},
		Summary: "Change your password (signs out your other sessions)", DefaultStatus: http.StatusNoContent,
	}, func(ctx context.Context, in *passwordInput) (*httpx.Empty, error) {
		return &httpx.Empty{}, a.svc.ChangePassword(ctx, in.Body.CurrentPassword, in.Body.NewPassword, in.Session.Value)
	})
}
