/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-aws-request.h: the form parameters of one AWS Query-protocol call
 *
 * Operations add their parameters under the wire names of the botocore models; the
 * helpers below spell lists, filters and tags the way each protocol wants them
 * (EC2: Name.N; query services: Name.member.N).
 */
#pragma once

#include <glib-object.h>

#include "cw-aws-xml.h"

G_BEGIN_DECLS

/* A filter of a Describe call. Arrays of them end with an element whose name is NULL. */
typedef struct {
  const char         *name;
  const char * const *values;
} CwAwsFilter;

typedef struct _CwAwsRequest CwAwsRequest;

GType                 cw_aws_request_get_type       (void);
CwAwsRequest         *cw_aws_request_new            (const CwAwsOperation *operation);
CwAwsRequest         *cw_aws_request_ref            (CwAwsRequest         *self);
void                  cw_aws_request_unref          (CwAwsRequest         *self);
const CwAwsOperation *cw_aws_request_get_operation  (CwAwsRequest         *self);
void                  cw_aws_request_set            (CwAwsRequest         *self,
                                                     const char           *name,
                                                     const char           *value);
void                  cw_aws_request_set_int        (CwAwsRequest         *self,
                                                     const char           *name,
                                                     int                   value);
void                  cw_aws_request_set_boolean    (CwAwsRequest         *self,
                                                     const char           *name,
                                                     gboolean              value);
char                 *cw_aws_request_list_key       (CwAwsRequest         *self,
                                                     const char           *name,
                                                     guint                 index);
void                  cw_aws_request_add_list       (CwAwsRequest         *self,
                                                     const char           *name,
                                                     const char * const   *values);
void                  cw_aws_request_add_key_values (CwAwsRequest         *self,
                                                     const char           *name,
                                                     const CwAwsKeyValue  *pairs);
void                  cw_aws_request_add_filters    (CwAwsRequest         *self,
                                                     const CwAwsFilter    *filters);
GBytes               *cw_aws_request_encode         (CwAwsRequest         *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CwAwsRequest, cw_aws_request_unref)

G_END_DECLS
