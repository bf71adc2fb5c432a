/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The AWS CLI's profiles resolved as botocore resolves them: every kind, role chains, the
 * credentials file's keys over the config file's, AWS_PROFILE, and an error naming the
 * profile and the file for each way a profile can be wrong. */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "cw-aws-profile.h"
#include "cw-engine-error.h"

typedef struct {
  char *dir;
  char *config;
  char *credentials;
} Fixture;

static void
set_up (Fixture       *fixture,
        gconstpointer  data)
{
  fixture->dir = g_dir_make_tmp ("causeway-aws-profile-XXXXXX", NULL);
  fixture->config = g_build_filename (fixture->dir, "config", NULL);
  fixture->credentials = g_build_filename (fixture->dir, "credentials", NULL);
  g_unsetenv ("AWS_PROFILE");
}

static void
tear_down (Fixture       *fixture,
           gconstpointer  data)
{
  g_remove (fixture->config);
  g_remove (fixture->credentials);
  g_rmdir (fixture->dir);
  g_free (fixture->config);
  g_free (fixture->credentials);
  g_free (fixture->dir);
}

static void
write_files (Fixture    *fixture,
             const char *config,
             const char *credentials)
{
  if (config != NULL)
    g_assert_true (g_file_set_contents (fixture->config, config, -1, NULL));
  if (credentials != NULL)
    g_assert_true (g_file_set_contents (fixture->credentials, credentials, -1, NULL));
}

static CwAwsProfile *
resolve_ok (Fixture    *fixture,
            const char *name)
{
  g_autoptr(GError) error = NULL;
  CwAwsProfile *profile = cw_aws_profile_resolve_from_files (name, fixture->config, fixture->credentials, &error);

  g_assert_no_error (error);
  g_assert_nonnull (profile);
  return profile;
}

static void
resolve_fails_with (Fixture    *fixture,
                    gint        code,
                    const char *name,
                    va_list     words)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CwAwsProfile) profile = cw_aws_profile_resolve_from_files (name, fixture->config, fixture->credentials, &error);
  const char *word;

  g_assert_null (profile);
  g_assert_error (error, CW_ENGINE_ERROR, code);
  while ((word = va_arg (words, const char *)) != NULL)
    if (g_strstr_len (error->message, -1, word) == NULL)
      g_error ("“%s” does not say “%s”", error->message, word);
}

/* The error is an invalid input whose sentence holds each of the NULL-terminated words. */
static void
resolve_fails (Fixture    *fixture,
               const char *name,
               ...)
{
  va_list words;

  va_start (words, name);
  resolve_fails_with (fixture, CW_ENGINE_ERROR_INVALID_INPUT, name, words);
  va_end (words);
}

/* A profile in neither file is not found, not invalid: the credential chain goes on past
 * a missing default. */
static void
resolve_finds_nothing (Fixture    *fixture,
                       const char *name,
                       ...)
{
  va_list words;

  va_start (words, name);
  resolve_fails_with (fixture, CW_ENGINE_ERROR_NOT_FOUND, name, words);
  va_end (words);
}

static void
test_static_keys (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(CwAwsProfile) profile = NULL;

  write_files (fixture,
               "[default]\nregion = eu-west-1\n"
               "[profile both]\naws_access_key_id = AKIACONFIG\naws_secret_access_key = from-config\nregion = us-west-2\n",
               "[both]\naws_access_key_id = AKIACREDENTIALS\naws_secret_access_key = from-credentials\n"
               "[default]\naws_access_key_id = AKIADEFAULT\naws_secret_access_key = s\naws_session_token = t\n");
  profile = resolve_ok (fixture, NULL);
  g_assert_cmpint (profile->kind, ==, CW_AWS_PROFILE_STATIC);
  g_assert_cmpstr (profile->name, ==, "default");
  g_assert_cmpstr (profile->region, ==, "eu-west-1");
  g_assert_cmpstr (profile->file, ==, fixture->config);
  g_clear_pointer (&profile, cw_aws_profile_free);
  profile = resolve_ok (fixture, "both");
  g_assert_cmpint (profile->kind, ==, CW_AWS_PROFILE_STATIC);
  g_assert_cmpstr (profile->region, ==, "us-west-2");
}

/* AWS_PROFILE chooses when no name is given; a name given wins over it. */
static void
test_aws_profile_variable (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(CwAwsProfile) chosen = NULL;
  g_autoptr(CwAwsProfile) named = NULL;

  write_files (fixture, NULL,
               "[default]\naws_access_key_id = A\naws_secret_access_key = s\n"
               "[work]\naws_access_key_id = B\naws_secret_access_key = s\n");
  g_setenv ("AWS_PROFILE", "work", TRUE);
  chosen = resolve_ok (fixture, NULL);
  g_assert_cmpstr (chosen->name, ==, "work");
  g_assert_cmpstr (chosen->file, ==, fixture->credentials);
  named = resolve_ok (fixture, "default");
  g_assert_cmpstr (named->name, ==, "default");
  g_setenv ("AWS_PROFILE", "nobody", TRUE);
  resolve_finds_nothing (fixture, NULL, "nobody", fixture->config, fixture->credentials, NULL);
  g_unsetenv ("AWS_PROFILE");
}

static void
test_sso_session (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(CwAwsProfile) profile = NULL;

  write_files (fixture,
               "[profile dev]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Admin\nregion = eu-central-1\n"
               "[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n"
               "sso_registration_scopes = sso:account:access , codewhisperer:completions\n",
               NULL);
  profile = resolve_ok (fixture, "dev");
  g_assert_cmpint (profile->kind, ==, CW_AWS_PROFILE_SSO);
  g_assert_cmpstr (profile->sso_session, ==, "corp");
  g_assert_cmpstr (profile->sso_start_url, ==, "https://corp.awsapps.com/start");
  g_assert_cmpstr (profile->sso_region, ==, "us-east-1");
  g_assert_cmpuint (g_strv_length (profile->sso_scopes), ==, 2);
  g_assert_cmpstr (profile->sso_scopes[0], ==, "sso:account:access");
  g_assert_cmpstr (profile->sso_scopes[1], ==, "codewhisperer:completions");
  g_assert_cmpstr (profile->sso_account_id, ==, "111122223333");
  g_assert_cmpstr (profile->sso_role_name, ==, "Admin");
  g_assert_cmpstr (profile->region, ==, "eu-central-1");
}

static void
test_sso_legacy (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(CwAwsProfile) profile = NULL;

  write_files (fixture,
               "[profile old]\nsso_start_url = https://old.awsapps.com/start\nsso_region = eu-west-1\n"
               "sso_account_id = 444455556666\nsso_role_name = ReadOnly\n",
               NULL);
  profile = resolve_ok (fixture, "old");
  g_assert_cmpint (profile->kind, ==, CW_AWS_PROFILE_SSO);
  g_assert_cmpstr (profile->sso_session, ==, "https://old.awsapps.com/start");
  g_assert_cmpstr (profile->sso_start_url, ==, "https://old.awsapps.com/start");
  g_assert_cmpstr (profile->sso_region, ==, "eu-west-1");
  g_assert_cmpuint (g_strv_length (profile->sso_scopes), ==, 0);
}

static void
test_sso_errors (Fixture       *fixture,
                 gconstpointer  data)
{
  write_files (fixture,
               "[profile orphan]\nsso_session = gone\nsso_account_id = 1\nsso_role_name = r\n"
               "[profile half]\nsso_session = corp\nsso_account_id = 111122223333\n"
               "[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n",
               NULL);
  resolve_fails (fixture, "orphan", "orphan", "gone", fixture->config, NULL);
  resolve_fails (fixture, "half", "half", "sso_role_name", fixture->config, NULL);
}

/* role → role → keys: each source resolved in turn. */
static void
test_role_chain (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(CwAwsProfile) profile = NULL;

  write_files (fixture,
               "[profile admin]\nrole_arn = arn:aws:iam::111122223333:role/Admin\nsource_profile = ops\n"
               "mfa_serial = arn:aws:iam::111122223333:mfa/me\nexternal_id = ext-1\nrole_session_name = me\n"
               "duration_seconds = 3600\nregion = ap-south-1\n"
               "[profile ops]\nrole_arn = arn:aws:iam::111122223333:role/Ops\nsource_profile = user\n",
               "[user]\naws_access_key_id = AKIAUSER\naws_secret_access_key = s\n");
  profile = resolve_ok (fixture, "admin");
  g_assert_cmpint (profile->kind, ==, CW_AWS_PROFILE_ASSUME_ROLE);
  g_assert_cmpstr (profile->role_arn, ==, "arn:aws:iam::111122223333:role/Admin");
  g_assert_cmpstr (profile->mfa_serial, ==, "arn:aws:iam::111122223333:mfa/me");
  g_assert_cmpstr (profile->external_id, ==, "ext-1");
  g_assert_cmpstr (profile->role_session_name, ==, "me");
  g_assert_cmpuint (profile->duration_seconds, ==, 3600);
  g_assert_cmpstr (profile->region, ==, "ap-south-1");
  g_assert_cmpint (profile->source->kind, ==, CW_AWS_PROFILE_ASSUME_ROLE);
  g_assert_cmpstr (profile->source->role_arn, ==, "arn:aws:iam::111122223333:role/Ops");
  g_assert_cmpuint (profile->source->duration_seconds, ==, 0);
  g_assert_cmpint (profile->source->source->kind, ==, CW_AWS_PROFILE_STATIC);
  g_assert_cmpstr (profile->source->source->name, ==, "user");
  g_assert_null (profile->source->source->source);
}

/* A role assumed from an IAM Identity Center profile: the SDKs' usual "admin from SSO". */
static void
test_role_from_sso (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(CwAwsProfile) profile = NULL;

  write_files (fixture,
               "[profile admin]\nrole_arn = arn:aws:iam::111122223333:role/Admin\nsource_profile = sso\n"
               "[profile sso]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Base\n"
               "[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\n",
               NULL);
  profile = resolve_ok (fixture, "admin");
  g_assert_cmpint (profile->kind, ==, CW_AWS_PROFILE_ASSUME_ROLE);
  g_assert_cmpint (profile->source->kind, ==, CW_AWS_PROFILE_SSO);
  g_assert_cmpstr (profile->source->sso_session, ==, "corp");
  g_assert_cmpstr (profile->source->sso_role_name, ==, "Base");
}

static void
test_credential_source (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(CwAwsProfile) profile = NULL;

  write_files (fixture,
               "[profile env]\nrole_arn = arn:aws:iam::111122223333:role/Ci\ncredential_source = Environment\n"
               "[profile ec2]\nrole_arn = arn:aws:iam::111122223333:role/Ci\ncredential_source = Ec2InstanceMetadata\n"
               "[profile odd]\nrole_arn = arn:aws:iam::111122223333:role/Ci\ncredential_source = Somewhere\n"
               "[profile both]\nrole_arn = arn:aws:iam::111122223333:role/Ci\ncredential_source = Environment\nsource_profile = env\n"
               "[profile neither]\nrole_arn = arn:aws:iam::111122223333:role/Ci\n",
               NULL);
  profile = resolve_ok (fixture, "env");
  g_assert_cmpint (profile->kind, ==, CW_AWS_PROFILE_ASSUME_ROLE);
  g_assert_null (profile->source);
  resolve_fails (fixture, "ec2", "ec2", "Ec2InstanceMetadata", "not support", fixture->config, NULL);
  resolve_fails (fixture, "odd", "odd", "Somewhere", fixture->config, NULL);
  resolve_fails (fixture, "both", "both", "source_profile", "credential_source", NULL);
  resolve_fails (fixture, "neither", "neither", "role_arn", fixture->config, NULL);
}

static void
test_cycle (Fixture       *fixture,
            gconstpointer  data)
{
  write_files (fixture,
               "[profile a]\nrole_arn = arn:aws:iam::1:role/A\nsource_profile = b\n"
               "[profile b]\nrole_arn = arn:aws:iam::1:role/B\nsource_profile = c\n"
               "[profile c]\nrole_arn = arn:aws:iam::1:role/C\nsource_profile = a\n"
               "[profile self]\nrole_arn = arn:aws:iam::1:role/S\nsource_profile = self\n",
               NULL);
  resolve_fails (fixture, "a", "a → b → c → a", fixture->config, NULL);
  resolve_fails (fixture, "self", "self → self", NULL);
}

static void
test_missing_source (Fixture       *fixture,
                     gconstpointer  data)
{
  write_files (fixture, "[profile lost]\nrole_arn = arn:aws:iam::1:role/A\nsource_profile = nowhere\n", NULL);
  resolve_fails (fixture, "lost", "lost", "nowhere", fixture->config, fixture->credentials, NULL);
  resolve_finds_nothing (fixture, "absent", "absent", fixture->config, NULL);
}

static void
test_duration (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(CwAwsProfile) edge = NULL;

  write_files (fixture,
               "[profile short]\nrole_arn = arn:aws:iam::1:role/A\ncredential_source = Environment\nduration_seconds = 899\n"
               "[profile long]\nrole_arn = arn:aws:iam::1:role/A\ncredential_source = Environment\nduration_seconds = 43201\n"
               "[profile word]\nrole_arn = arn:aws:iam::1:role/A\ncredential_source = Environment\nduration_seconds = hour\n"
               "[profile edge]\nrole_arn = arn:aws:iam::1:role/A\ncredential_source = Environment\nduration_seconds = 43200\n",
               NULL);
  resolve_fails (fixture, "short", "short", "899", "900", "43200", fixture->config, NULL);
  resolve_fails (fixture, "long", "long", "43201", NULL);
  resolve_fails (fixture, "word", "word", "hour", NULL);
  edge = resolve_ok (fixture, "edge");
  g_assert_cmpuint (edge->duration_seconds, ==, 43200);
}

/* role_arn and keys in one profile: the role is assumed; the keys are its source only
 * when source_profile names the profile itself. As another's source, the keys are what
 * the profile gives (botocore). */
static void
test_role_and_keys (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(CwAwsProfile) itself = NULL;
  g_autoptr(CwAwsProfile) other = NULL;
  g_autoptr(CwAwsProfile) above = NULL;

  write_files (fixture,
               "[profile itself]\nrole_arn = arn:aws:iam::1:role/A\nsource_profile = itself\n"
               "[profile other]\nrole_arn = arn:aws:iam::1:role/B\nsource_profile = base\n"
               "[profile above]\nrole_arn = arn:aws:iam::1:role/C\nsource_profile = other\n",
               "[itself]\naws_access_key_id = AKIAITSELF\naws_secret_access_key = s\n"
               "[other]\naws_access_key_id = AKIAOTHER\naws_secret_access_key = s\n"
               "[base]\naws_access_key_id = AKIABASE\naws_secret_access_key = s\n");
  itself = resolve_ok (fixture, "itself");
  g_assert_cmpint (itself->kind, ==, CW_AWS_PROFILE_ASSUME_ROLE);
  g_assert_cmpint (itself->source->kind, ==, CW_AWS_PROFILE_STATIC);
  g_assert_cmpstr (itself->source->name, ==, "itself");
  other = resolve_ok (fixture, "other");
  g_assert_cmpint (other->kind, ==, CW_AWS_PROFILE_ASSUME_ROLE);
  g_assert_cmpstr (other->source->name, ==, "base");
  above = resolve_ok (fixture, "above");
  g_assert_cmpint (above->source->kind, ==, CW_AWS_PROFILE_STATIC);
  g_assert_cmpstr (above->source->name, ==, "other");
}

static void
test_process (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(CwAwsProfile) profile = NULL;
  g_autoptr(CwAwsProfile) keys_first = NULL;

  write_files (fixture,
               "[profile vault]\ncredential_process = /usr/bin/vault-creds --account prod\n"
               "[profile mixed]\ncredential_process = /bin/true\n",
               "[mixed]\naws_access_key_id = AKIAMIXED\naws_secret_access_key = s\n");
  profile = resolve_ok (fixture, "vault");
  g_assert_cmpint (profile->kind, ==, CW_AWS_PROFILE_PROCESS);
  g_assert_cmpstr (profile->credential_process, ==, "/usr/bin/vault-creds --account prod");
  keys_first = resolve_ok (fixture, "mixed");
  g_assert_cmpint (keys_first->kind, ==, CW_AWS_PROFILE_STATIC);
}

/* Every profile that resolves, and a sentence for each that does not. */
static void
test_list (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) profiles = NULL;

  write_files (fixture,
               "[default]\nregion = us-east-1\n[profile broken]\nrole_arn = arn:aws:iam::1:role/A\n"
               "[sso-session corp]\nsso_start_url = https://x\nsso_region = us-east-1\n",
               "[default]\naws_access_key_id = A\naws_secret_access_key = s\n[extra]\naws_access_key_id = B\naws_secret_access_key = s\n");
  profiles = cw_aws_profile_list_from_files (fixture->config, fixture->credentials, &problems, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (profiles->len, ==, 2);
  g_assert_cmpstr (((CwAwsProfile *) g_ptr_array_index (profiles, 0))->name, ==, "default");
  g_assert_cmpstr (((CwAwsProfile *) g_ptr_array_index (profiles, 1))->name, ==, "extra");
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 0), "broken"));
}

/* A malformed file is an error naming it and the line. */
static void
test_malformed (Fixture       *fixture,
                gconstpointer  data)
{
  write_files (fixture, "[default\nregion = x\n", NULL);
  resolve_fails (fixture, "default", "config", NULL);
}

static void
resolved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* The user's files, as AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE name them, off
 * the main thread. */
static void
test_async (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CwAwsProfile) profile = NULL;

  write_files (fixture, "[profile p]\ncredential_process = echo\n", "[q]\naws_access_key_id = A\n");
  g_setenv ("AWS_CONFIG_FILE", fixture->config, TRUE);
  g_setenv ("AWS_SHARED_CREDENTIALS_FILE", fixture->credentials, TRUE);
  g_setenv ("AWS_PROFILE", "p", TRUE);
  cw_aws_profile_resolve_async (NULL, NULL, resolved, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  profile = cw_aws_profile_resolve_finish (result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (profile->kind, ==, CW_AWS_PROFILE_PROCESS);
  g_unsetenv ("AWS_PROFILE");
  g_unsetenv ("AWS_CONFIG_FILE");
  g_unsetenv ("AWS_SHARED_CREDENTIALS_FILE");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(name) g_test_add ("/engine/aws-profile/" #name, Fixture, NULL, set_up, test_##name, tear_down)
  ADD (static_keys);
  ADD (aws_profile_variable);
  ADD (sso_session);
  ADD (sso_legacy);
  ADD (sso_errors);
  ADD (role_chain);
  ADD (role_from_sso);
  ADD (credential_source);
  ADD (cycle);
  ADD (missing_source);
  ADD (duration);
  ADD (role_and_keys);
  ADD (process);
  ADD (list);
  ADD (malformed);
  ADD (async);
#undef ADD
  return g_test_run ();
}
