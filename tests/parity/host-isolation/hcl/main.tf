# Plan JSON parity, host-isolation: self-hosted log hosts on AWS, GCP and Azure, reachable from the internet or not.
# Links: a security group takes the host role from the instance it is attached to; an Elastic IP reaches its
# instance by reference; an Azure VM gives its network interface the host role.

# A log host by tag: no public IP at launch, but an Elastic IP below.
resource "aws_instance" "collector" {
  ami                         = "ami-0c55b159cbfafe1f0"
  instance_type               = "t3.medium"
  subnet_id                   = "subnet-0a1b2c3d4e5f60718"
  associate_public_ip_address = false
  vpc_security_group_ids      = [aws_security_group.collector.id]
  tags = {
    "hipaa-logging" = "host"
  }
}

resource "aws_eip" "collector" {
  domain   = "vpc"
  instance = aws_instance.collector.id
}

# No tag: a log host's group because it is attached to aws_instance.collector. SSH from anywhere.
resource "aws_security_group" "collector" {
  name        = "collector"
  description = "syslog collector"

  ingress {
    from_port   = 6514
    to_port     = 6514
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8"]
  }

  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_instance" "relay" {
  ami                         = "ami-0c55b159cbfafe1f0"
  instance_type               = "t3.small"
  subnet_id                   = "subnet-0a1b2c3d4e5f60718"
  associate_public_ip_address = true
  tags = {
    "hipaa-logging" = "host"
  }
}

# An empty access_config gives the instance an ephemeral external IP.
resource "google_compute_instance" "collector" {
  name         = "collector-1"
  machine_type = "e2-small"
  zone         = "us-central1-a"
  tags         = ["collector"]
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

    access_config {}
  }
}

resource "google_compute_firewall" "tls_internal" {
  name          = "collector-tls-internal"
  network       = "logs"
  target_tags   = ["collector"]
  source_ranges = ["10.0.0.0/8"]

  allow {
    protocol = "tcp"
    ports    = ["6514"]
  }
}

resource "google_compute_firewall" "tls_public" {
  name          = "collector-tls-public"
  network       = "logs"
  target_tags   = ["collector"]
  source_ranges = ["0.0.0.0/0"]

  allow {
    protocol = "tcp"
    ports    = ["6514"]
  }
}

resource "azurerm_network_interface" "log_host" {
  name                = "log-host-nic"
  location            = "westeurope"
  resource_group_name = "rg-logging"

  ip_configuration {
    name                          = "internal"
    subnet_id                     = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-logs/subnets/logs"
    private_ip_address_allocation = "Dynamic"
  }
}

resource "azurerm_linux_virtual_machine" "log_host" {
  name                  = "log-host"
  location              = "westeurope"
  resource_group_name   = "rg-logging"
  size                  = "Standard_B2s"
  admin_username        = "azureuser"
  network_interface_ids = [azurerm_network_interface.log_host.id]
  tags = {
    "hipaa-logging" = "host"
  }

  admin_ssh_key {
    username   = "azureuser"
    public_key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl"
  }

  os_disk {
    caching              = "ReadWrite"
    storage_account_type = "Standard_LRS"
  }

  source_image_reference {
    publisher = "Canonical"
    offer     = "ubuntu-24_04-lts"
    sku       = "server"
    version   = "latest"
  }
}

resource "azurerm_network_security_group" "log_host" {
  name                = "nsg-log-host"
  location            = "westeurope"
  resource_group_name = "rg-logging"
  tags = {
    "hipaa-logging" = "host"
  }

  security_rule {
    name                       = "tls-in"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "6514"
    source_address_prefix      = "Internet"
    destination_address_prefix = "*"
  }
}
