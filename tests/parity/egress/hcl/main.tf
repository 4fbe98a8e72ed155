# Plan JSON parity, egress: security groups and firewalls of log shippers and log hosts.
# Links: a security group takes the shipper role from the instance it is attached to; separate rules join
# their security group by reference; GCP firewalls reach a log host through its network tag.

resource "aws_instance" "shipper" {
  ami                    = "ami-0c55b159cbfafe1f0"
  instance_type          = "t3.small"
  vpc_security_group_ids = [aws_security_group.shipper.id]
  tags = {
    "hipaa-logging" = "shipper"
  }
}

# No tag: a shipper's group because it is attached to aws_instance.shipper. Open egress.
resource "aws_security_group" "shipper" {
  name = "fleet-agents"

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

# A log host's group by tag; its rules are separate resources.
resource "aws_security_group" "collector" {
  name   = "collector"
  egress = []
  tags = {
    "hipaa-logging" = "host"
  }
}

resource "aws_security_group_rule" "collector_tls" {
  type              = "egress"
  security_group_id = aws_security_group.collector.id
  protocol          = "tcp"
  from_port         = 6514
  to_port           = 6514
  cidr_blocks       = ["10.0.0.0/8"]
}

resource "aws_security_group_rule" "collector_syslog_in" {
  type              = "ingress"
  security_group_id = aws_security_group.collector.id
  protocol          = "udp"
  from_port         = 514
  to_port           = 514
  cidr_blocks       = ["10.0.0.0/8"]
}

resource "google_compute_instance" "collector" {
  name         = "collector-1"
  machine_type = "e2-small"
  zone         = "us-central1-a"
  tags         = ["syslog"]
  labels = {
    "hipaa-logging" = "host"
  }

  boot_disk {
    initialize_params {
      image = "debian-cloud/debian-12"
    }
  }

  network_interface {
    network = "logs"
  }
}

resource "google_compute_firewall" "deny_egress" {
  name               = "collector-deny-egress"
  network            = "logs"
  direction          = "EGRESS"
  priority           = 65000
  target_tags        = ["syslog"]
  destination_ranges = ["0.0.0.0/0"]

  deny {
    protocol = "all"
  }
}

# Plaintext syslog next to syslog over TLS.
resource "google_compute_firewall" "syslog_egress" {
  name               = "collector-syslog-egress"
  network            = "logs"
  direction          = "EGRESS"
  target_tags        = ["syslog"]
  destination_ranges = ["10.20.0.0/16"]

  allow {
    protocol = "tcp"
    ports    = ["514", "6514"]
  }
}

resource "azurerm_network_security_group" "shipper" {
  name                = "nsg-shipper"
  location            = "westeurope"
  resource_group_name = "rg-logging"
  tags = {
    "hipaa-logging" = "shipper"
  }

  security_rule {
    name                       = "https-out"
    priority                   = 100
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_address_prefix      = "*"
    destination_address_prefix = "Internet"
  }

  security_rule {
    name                       = "deny-all-out"
    priority                   = 4096
    direction                  = "Outbound"
    access                     = "Deny"
    protocol                   = "*"
    source_port_range          = "*"
    destination_port_range     = "*"
    source_address_prefix      = "*"
    destination_address_prefix = "*"
  }
}

# Its only rule is the separate resource below, joined by the group's name.
resource "azurerm_network_security_group" "relay" {
  name                = "nsg-relay"
  location            = "westeurope"
  resource_group_name = "rg-logging"
  tags = {
    "hipaa-logging" = "shipper"
  }
}

resource "azurerm_network_security_rule" "relay_syslog" {
  name                        = "syslog-out"
  resource_group_name         = "rg-logging"
  network_security_group_name = azurerm_network_security_group.relay.name
  priority                    = 100
  direction                   = "Outbound"
  access                      = "Allow"
  protocol                    = "Udp"
  source_port_range           = "*"
  destination_port_range      = "514"
  source_address_prefix       = "*"
  destination_address_prefix  = "10.0.0.0/8"
}
