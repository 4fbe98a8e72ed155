# The same logging stack, keeping every log store for six years or longer.

resource "aws_cloudwatch_log_group" "app" {
  name              = "/ehr/app"
  retention_in_days = 2192
}
