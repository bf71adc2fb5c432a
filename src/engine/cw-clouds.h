/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-clouds.h: the clients the engine talks to the clouds through
 *
 * One AWS client per region (all sharing the credentials) and one TiDB Cloud client,
 * handed to the loaders, the provisioner and the inventory together. The time scale
 * shrinks every wait and retry delay for the sandbox, whose clock runs faster.
 */
#pragma once

#include "cw-aws-client.h"
#include "cw-tidb-client.h"

G_BEGIN_DECLS

#define CW_TYPE_CLOUDS (cw_clouds_get_type ())
G_DECLARE_FINAL_TYPE (CwClouds, cw_clouds, CW, CLOUDS, GObject)

CwClouds     *cw_clouds_new            (const CwAwsCredentials *aws_credentials,
                                        CwTidbClient           *tidb);
CwClouds     *cw_clouds_new_with_provider (CwAwsCredentialsProvider *aws_provider,
                                           CwTidbClient             *tidb);
CwAwsClient  *cw_clouds_get_aws        (CwClouds               *self,
                                        const char             *region);
CwTidbClient *cw_clouds_get_tidb       (CwClouds               *self);
double        cw_clouds_get_time_scale (CwClouds               *self);
void          cw_clouds_set_time_scale (CwClouds               *self,
                                        double                  time_scale);
guint         cw_clouds_scale_ms       (CwClouds               *self,
                                        guint                   milliseconds);
guint         cw_clouds_get_aws_request_count (CwClouds        *self);
guint         cw_clouds_get_tidb_request_count (CwClouds       *self);

G_END_DECLS
