# Plan JSON parity, phi: CloudWatch log sources that mask health identifiers, or not.
# Links: each data protection policy names its log group by reference.

resource "aws_cloudwatch_log_group" "portal" {
  name              = "/acme/patient-portal"
  retention_in_days = 2192
  tags = {
    "hipaa-logging" = "source"
  }
}

resource "aws_cloudwatch_log_data_protection_policy" "portal" {
  log_group_name = aws_cloudwatch_log_group.portal.name
  policy_document = jsonencode({
    "Name"    = "phi",
    "Version" = "2021-06-01",
    "Statement" = [
      {
        "Sid" = "Audit",
        "DataIdentifier" = [
          "arn:aws:dataprotection::aws:data-identifier/DrugEnforcementAgencyNumber-US",
          "arn:aws:dataprotection::aws:data-identifier/HealthcareProcedureCode-US",
          "arn:aws:dataprotection::aws:data-identifier/HealthInsuranceClaimNumber-US",
          "arn:aws:dataprotection::aws:data-identifier/MedicareBeneficiaryNumber-US",
          "arn:aws:dataprotection::aws:data-identifier/NationalDrugCode-US",
          "arn:aws:dataprotection::aws:data-identifier/NationalProviderId-US",
          "arn:aws:dataprotection::aws:data-identifier/Ssn-US"
        ],
        "Operation" = {
          "Audit" = {
            "FindingsDestination" = {}
          }
        }
      },
      {
        "Sid" = "Redact",
        "DataIdentifier" = [
          "arn:aws:dataprotection::aws:data-identifier/DrugEnforcementAgencyNumber-US",
          "arn:aws:dataprotection::aws:data-identifier/HealthcareProcedureCode-US",
          "arn:aws:dataprotection::aws:data-identifier/HealthInsuranceClaimNumber-US",
          "arn:aws:dataprotection::aws:data-identifier/MedicareBeneficiaryNumber-US",
          "arn:aws:dataprotection::aws:data-identifier/NationalDrugCode-US",
          "arn:aws:dataprotection::aws:data-identifier/NationalProviderId-US",
          "arn:aws:dataprotection::aws:data-identifier/Ssn-US"
        ],
        "Operation" = {
          "Deidentify" = {
            "MaskConfig" = {}
          }
        }
      }
    ]
  })
}

resource "aws_cloudwatch_log_group" "claims" {
  name              = "/acme/claims-api"
  retention_in_days = 2192
  tags = {
    "hipaa-logging" = "source"
  }
}

# Masks social security numbers only.
resource "aws_cloudwatch_log_data_protection_policy" "claims" {
  log_group_name = aws_cloudwatch_log_group.claims.name
  policy_document = jsonencode({
    "Name"    = "phi",
    "Version" = "2021-06-01",
    "Statement" = [
      {
        "Sid" = "Audit",
        "DataIdentifier" = [
          "arn:aws:dataprotection::aws:data-identifier/Ssn-US"
        ],
        "Operation" = {
          "Audit" = {
            "FindingsDestination" = {}
          }
        }
      },
      {
        "Sid" = "Redact",
        "DataIdentifier" = [
          "arn:aws:dataprotection::aws:data-identifier/Ssn-US"
        ],
        "Operation" = {
          "Deidentify" = {
            "MaskConfig" = {}
          }
        }
      }
    ]
  })
}

resource "aws_cloudwatch_log_group" "billing" {
  name              = "/acme/billing"
  retention_in_days = 2192
  tags = {
    "hipaa-logging" = "source"
  }
}

# Audits findings but masks nothing.
resource "aws_cloudwatch_log_data_protection_policy" "billing" {
  log_group_name = aws_cloudwatch_log_group.billing.name
  policy_document = jsonencode({
    "Name"    = "phi",
    "Version" = "2021-06-01",
    "Statement" = [
      {
        "Sid" = "Audit",
        "DataIdentifier" = [
          "arn:aws:dataprotection::aws:data-identifier/DrugEnforcementAgencyNumber-US",
          "arn:aws:dataprotection::aws:data-identifier/HealthcareProcedureCode-US",
          "arn:aws:dataprotection::aws:data-identifier/HealthInsuranceClaimNumber-US",
          "arn:aws:dataprotection::aws:data-identifier/MedicareBeneficiaryNumber-US",
          "arn:aws:dataprotection::aws:data-identifier/NationalDrugCode-US",
          "arn:aws:dataprotection::aws:data-identifier/NationalProviderId-US",
          "arn:aws:dataprotection::aws:data-identifier/Ssn-US"
        ],
        "Operation" = {
          "Audit" = {
            "FindingsDestination" = {}
          }
        }
      }
    ]
  })
}

# No data protection policy at all.
resource "aws_cloudwatch_log_group" "scheduler" {
  name              = "/acme/scheduler"
  retention_in_days = 2192
  tags = {
    "hipaa-logging" = "source"
  }
}
