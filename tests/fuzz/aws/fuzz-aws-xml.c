/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-aws-xml.c: libFuzzer over the AWS XML response parsers
 *
 * Every input is read as each operation's answer and as an error answer: the document
 * parser, the record decoder of every typed result, paging tokens and both error
 * formats. Nothing may crash, leak or trip a sanitizer, whatever AWS (or an attacker in
 * its place) sends.
 */
#include "config.h"

#include <stdint.h>

#include "cw-aws-xml.h"
#include "cw-ec2.h"
#include "cw-elbv2.h"
#include "cw-rds.h"
#include "cw-sts.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

typedef const CwAwsOperation * const *(*ListOperations) (guint *n_operations);

static const ListOperations services[] = {
  cw_ec2_list_operations, cw_elbv2_list_operations, cw_rds_list_operations, cw_sts_list_operations,
};

static void
decode_result (const CwAwsOperation *operation,
               xmlDoc               *doc)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *page_token = NULL;
  g_autofree char *request_id = NULL;
  gpointer result = cw_aws_xml_decode_result (operation, doc, &page_token, &request_id, &error);

  if (result != NULL)
    cw_aws_operation_get_result_free_func (operation) (result);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(xmlDoc) doc = cw_aws_xml_parse ((const char *) data, size, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (services); i++)
    {
      guint n_operations;
      const CwAwsOperation * const *operations = services[i] (&n_operations);

      g_error_free (cw_aws_xml_decode_error (operations[0], (const char *) data, size, 400, NULL));
      for (guint j = 0; doc != NULL && j < n_operations; j++)
        decode_result (operations[j], doc);
    }
  return 0;
}
