# Breaks a Government rule: a GOV_REGIONS_ONLY project cannot host a cluster in a
# commercial region. ../cycle.sh expects the apply to fail with the simulator's
# 409 REGION_UNAVAILABLE shown by Terraform.

terraform {
  required_providers {
    mongodbatlas = {
      source = "mongodb/mongodbatlas"
    }
  }
}

provider "mongodbatlas" {}

variable "org_id" {
  type = string
}

resource "mongodbatlas_project" "gov" {
  name                      = "terraform-refused"
  org_id                    = var.org_id
  region_usage_restrictions = "GOV_REGIONS_ONLY"
}

resource "mongodbatlas_advanced_cluster" "commercial" {
  project_id   = mongodbatlas_project.gov.id
  name         = "commercial"
  cluster_type = "REPLICASET"
  replication_specs = [{
    region_configs = [{
      provider_name = "AWS"
      region_name   = "US_EAST_1"
      priority      = 7
      electable_specs = {
        instance_size = "M30"
        node_count    = 3
      }
    }]
  }]
}
