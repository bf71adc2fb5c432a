/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-sandbox-aws.h: what the simulated AWS services share
 *
 * Private to src/sandbox. cw-sandbox-aws.c receives a request, verifies its SigV4
 * signature (by the sandbox's key or a session's, cw-sandbox-identity.h), applies the
 * faults and wraps the answer in the protocol's envelope; an operation of
 * cw-sandbox-ec2.c, -elbv2.c, -rds.c or -sts.c only reads its parameters, applies
 * the rules and writes the inside of its result element. One of a JSON 1.1 service
 * (cw-sandbox-pricing.c) reads its request object and writes the members of its
 * answer instead. Errors are CW_AWS_ERROR GErrors carrying the AWS code and HTTP
 * status, so they are rendered in the service's own error format.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "cw-sandbox-identity.h"
#include "cw-sandbox-params.h"
#include "cw-sandbox-world.h"
#include "cw-sandbox-xml.h"

G_BEGIN_DECLS

typedef struct {
  CwSandboxWorld   *world;
  CwSbIdentity     *identity;
  const CwSbCaller *caller;     /* who signed */
  CwSbParams       *params;     /* Query */
  JsonObject       *input;      /* JSON 1.1: the request's object */
  const char       *service;    /* the SigV4 service: ec2, elasticloadbalancing, rds, sts, pricing */
  const char       *region;
  const char       *action;
  CwSbXml          *xml;        /* Query: the result element, open */
  JsonBuilder      *json;       /* JSON 1.1: the answer's object, open */
  guint             lag_reads;  /* read-after-create lag for what this call creates */
  gboolean          ec2;        /* EC2's protocol and error format */
} CwSbAwsCall;

typedef gboolean (*CwSbAwsRun) (CwSbAwsCall  *call,
                                GError      **error);

typedef struct {
  const char *action;
  CwSbAwsRun  run;
} CwSbAwsOperation;

const CwSbAwsOperation *cw_sb_ec2_operations   (guint *n_operations);
const CwSbAwsOperation *cw_sb_elbv2_operations (guint *n_operations);
const CwSbAwsOperation *cw_sb_rds_operations   (guint *n_operations);
const CwSbAwsOperation *cw_sb_sts_operations   (guint *n_operations);
const CwSbAwsOperation *cw_sb_pricing_operations (guint *n_operations);

/* Errors. */
gboolean    cw_sb_aws_fail          (GError      **error,
                                     guint         status,
                                     const char   *code,
                                     const char   *format,
                                     ...) G_GNUC_PRINTF (4, 5);
const char *cw_sb_aws_invalid_value_code (CwSbAwsCall *call);

/* Parameters. */
const char *cw_sb_aws_param         (CwSbAwsCall  *call,
                                     const char   *path);
const char *cw_sb_aws_require       (CwSbAwsCall  *call,
                                     const char   *path,
                                     GError      **error);
gboolean    cw_sb_aws_int           (CwSbAwsCall  *call,
                                     const char   *path,
                                     int           fallback,
                                     int           min,
                                     int           max,
                                     int          *value,
                                     GError      **error);
gboolean    cw_sb_aws_bool          (CwSbAwsCall  *call,
                                     const char   *path,
                                     gboolean      fallback,
                                     gboolean     *value,
                                     GError      **error);
void        cw_sb_aws_created       (CwSbAwsCall  *call,
                                     gpointer      resource);

/* Listings: the resources of the call's region, in creation order, each read once
 * (so read-after-create lag applies), then filtered and cut into a page. */
typedef gboolean (*CwSbFilterValues) (CwSandboxWorld *world,
                                      gpointer        resource,
                                      const char     *name,
                                      GPtrArray      *values);
typedef void     (*CwSbWriteItem)    (CwSbAwsCall    *call,
                                      gpointer        resource);

void        cw_sb_filter_value      (GPtrArray    *values,
                                     const char   *value);
GPtrArray  *cw_sb_aws_listing       (CwSbAwsCall  *call,
                                     CwSbKind      kind);
gboolean    cw_sb_aws_filter        (CwSbAwsCall  *call,
                                     const char   *path,
                                     CwSbFilterValues collect,
                                     gboolean      tagged,
                                     GPtrArray    *items,
                                     GError      **error);

/* Orders the items of a listing for paging; NULL: resources by creation. */
typedef guint64 (*CwSbItemKey) (gpointer item,
                                guint    index);

typedef struct {
  CwSbItemKey key;
  const char *token_param;    /* NextToken, Marker */
  const char *size_param;     /* MaxResults, PageSize, MaxRecords */
  int         default_size;   /* the page when no size is asked for */
  int         min_size;
  int         max_size;
} CwSbPaging;

gboolean    cw_sb_aws_page          (CwSbAwsCall      *call,
                                     const CwSbPaging *paging,
                                     GPtrArray        *items,
                                     char            **next_token,
                                     GError          **error);
void        cw_sb_aws_write_items   (CwSbAwsCall  *call,
                                     const char   *list_name,
                                     const char   *item_name,
                                     GPtrArray    *items,
                                     CwSbWriteItem write);

/* Tags. */
gboolean    cw_sb_aws_read_tags     (CwSbAwsCall  *call,
                                     CwSbParams   *parent,
                                     const char   *path,
                                     GPtrArray    *tags,
                                     GError      **error);
void        cw_sb_aws_write_tags    (CwSbAwsCall  *call,
                                     const char   *list_name,
                                     const char   *item_name,
                                     GPtrArray    *tags);

G_END_DECLS
