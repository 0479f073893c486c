# A Gov project with an advanced cluster in AWS GovCloud, a database user and an
# access-list entry. Driven by ../cycle.sh: apply, refresh, plan (no changes), destroy.
# The provider reaches the simulator through MONGODB_ATLAS_BASE_URL and the API key in
# MONGODB_ATLAS_PUBLIC_KEY / MONGODB_ATLAS_PRIVATE_KEY (the README recipe).

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
  name                      = "terraform-gov"
  org_id                    = var.org_id
  region_usage_restrictions = "GOV_REGIONS_ONLY"
}

resource "mongodbatlas_advanced_cluster" "gov" {
  project_id   = mongodbatlas_project.gov.id
  name         = "terraform-gov"
  cluster_type = "REPLICASET"
  replication_specs = [{
    region_configs = [{
      provider_name = "AWS"
      region_name   = "US_GOV_WEST_1"
      priority      = 7
      electable_specs = {
        instance_size = "M30"
        node_count    = 3
      }
    }]
  }]
}

resource "mongodbatlas_database_user" "app" {
  project_id         = mongodbatlas_project.gov.id
  auth_database_name = "admin"
  username           = "terraform-app"
  password           = "terraform-app-password"

  roles {
    role_name     = "readWrite"
    database_name = "sales"
  }

  scopes {
    name = mongodbatlas_advanced_cluster.gov.name
    type = "CLUSTER"
  }
}

resource "mongodbatlas_project_ip_access_list" "office" {
  project_id = mongodbatlas_project.gov.id
  cidr_block = "10.10.0.0/16"
  comment    = "office"
}
