# A logging stack that breaks HIPAA's six-year retention in several ways.

resource "aws_cloudwatch_log_group" "app" {
  name              = "/ehr/app"
  retention_in_days = 90
}
