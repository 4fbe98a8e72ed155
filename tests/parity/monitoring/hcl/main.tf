# Plan JSON parity, monitoring: log sources with and without an alert that fires when their logs stop.
# Links: an alarm names its log group and SNS topic by reference; an Azure alert scopes a workspace by reference.

resource "aws_sns_topic" "alerts" {
  name = "log-alerts"
}

resource "aws_cloudwatch_log_group" "portal" {
  name              = "/acme/patient-portal"
  retention_in_days = 2192
  tags = {
    "hipaa-logging" = "source"
  }
}

resource "aws_cloudwatch_metric_alarm" "portal_silent" {
  alarm_name  = "patient-portal-logs-stopped"
  namespace   = "AWS/Logs"
  metric_name = "IncomingLogEvents"
  dimensions = {
    "LogGroupName" = aws_cloudwatch_log_group.portal.name
  }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 3
  comparison_operator = "LessThanThreshold"
  threshold           = 1
  treat_missing_data  = "breaching"
  alarm_actions       = [aws_sns_topic.alerts.arn]
}

# A source with no alarm on its silence.
resource "aws_cloudwatch_log_group" "claims" {
  name              = "/acme/claims-api"
  retention_in_days = 2192
  tags = {
    "hipaa-logging" = "source"
  }
}

resource "azurerm_monitor_action_group" "oncall" {
  name                = "oncall"
  resource_group_name = "rg-logging"
  short_name          = "oncall"

  email_receiver {
    name          = "oncall"
    email_address = "oncall@acme.example"
  }
}

resource "azurerm_log_analytics_workspace" "portal" {
  name                = "law-portal"
  location            = "westeurope"
  resource_group_name = "rg-logging"
  tags = {
    "hipaa-logging" = "source"
  }
}

resource "azurerm_monitor_scheduled_query_rules_alert_v2" "portal_silent" {
  name                 = "portal-heartbeat-missing"
  resource_group_name  = "rg-logging"
  location             = "westeurope"
  scopes               = [azurerm_log_analytics_workspace.portal.id]
  evaluation_frequency = "PT5M"
  window_duration      = "PT15M"
  severity             = 1

  criteria {
    query                   = "Heartbeat | summarize count()"
    time_aggregation_method = "Count"
    operator                = "LessThan"
    threshold               = 1
  }

  action {
    action_groups = [azurerm_monitor_action_group.oncall.id]
  }
}

# A source with no alert on its ingestion.
resource "azurerm_log_analytics_workspace" "claims" {
  name                = "law-claims"
  location            = "westeurope"
  resource_group_name = "rg-logging"
  tags = {
    "hipaa-logging" = "source"
  }
}
