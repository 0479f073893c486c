package clients

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"go.mongodb.org/atlas-sdk/v20250312020/admin"
)

// The official Go SDK against a spawned `--tls` simulator: authentication, organizations,
// a Gov project, a cluster waited to IDLE, database users, the access list and the
// Government refusals, each failure checked through admin.AsError / admin.IsErrorCode.

func TestDigestReadsTheOrganization(t *testing.T) {
	ctx := context.Background()
	client := digestClient(t, sim.Tenant.APIKey.PublicKey, sim.Tenant.APIKey.PrivateKey)

	orgs, res, err := client.OrganizationsApi.ListOrgs(ctx).Execute()
	if err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != http.StatusOK || orgs.GetTotalCount() != 1 || orgs.GetResults()[0].GetId() != sim.Tenant.OrgID {
		t.Fatalf("listOrganizations: %d %+v", res.StatusCode, orgs.GetResults())
	}
	org, _, err := client.OrganizationsApi.GetOrg(ctx, sim.Tenant.OrgID).Execute()
	if err != nil {
		t.Fatal(err)
	}
	if org.GetName() != "Atlas for Government Simulator" || org.GetIsDeleted() {
		t.Fatalf("getOrganization: %+v", org)
	}

	_, _, err = client.OrganizationsApi.GetOrg(ctx, "0123456789abcdef01234567").Execute()
	expectAtlasError(t, err, 404, "ORG_NOT_FOUND")
}

func TestWrongDigestSecretIsRefused(t *testing.T) {
	client := digestClient(t, sim.Tenant.APIKey.PublicKey, "not-the-secret")
	_, res, err := client.OrganizationsApi.ListOrgs(context.Background()).Execute()
	if res == nil || res.StatusCode != http.StatusUnauthorized {
		t.Fatalf("expected 401, got %v %v", res, err)
	}
	// Atlas answers a failed Digest exchange with this error code.
	expectAtlasError(t, err, 401, "UNEXPECTED_ERROR")
}

func TestServiceAccountOAuth(t *testing.T) {
	ctx := context.Background()
	tn := newTenant(t)
	client := oauthClient(t, tn.ServiceAccount.ClientID, tn.ServiceAccount.ClientSecret)

	orgs, _, err := client.OrganizationsApi.ListOrgs(ctx).Execute()
	if err != nil {
		t.Fatal(err)
	}
	if orgs.GetTotalCount() != 1 || orgs.GetResults()[0].GetId() != tn.OrgID {
		t.Fatalf("a tenant's service account sees its own organization only: %+v", orgs.GetResults())
	}
	// Another organization's resources are refused as Atlas does: 401, not 403.
	_, _, err = client.OrganizationsApi.GetOrg(ctx, sim.Tenant.OrgID).Execute()
	expectAtlasError(t, err, 401, "USER_UNAUTHORIZED")

	bad := oauthClient(t, tn.ServiceAccount.ClientID, "mdb_sa_sk_wrong")
	_, _, err = bad.OrganizationsApi.ListOrgs(ctx).Execute()
	if err == nil {
		t.Fatal("a wrong client secret obtained a token")
	}
}

// govProject creates a GOV_REGIONS_ONLY project in a fresh tenant and returns a Digest
// client of that tenant with the project's id.
func govProject(t *testing.T, name string) (*admin.APIClient, string) {
	t.Helper()
	ctx := context.Background()
	tn := newTenant(t)
	client := digestClient(t, tn.APIKey.PublicKey, tn.APIKey.PrivateKey)
	group, res, err := client.ProjectsApi.CreateGroup(ctx, &admin.Group{
		Name:                    name,
		OrgId:                   tn.OrgID,
		RegionUsageRestrictions: admin.PtrString("GOV_REGIONS_ONLY"),
	}).Execute()
	if err != nil {
		t.Fatal(err)
	}
	// Atlas answers 201 here, where the document says 200.
	if res.StatusCode != http.StatusCreated || group.GetRegionUsageRestrictions() != "GOV_REGIONS_ONLY" {
		t.Fatalf("createProject: %d %+v", res.StatusCode, group)
	}
	return client, group.GetId()
}

func replicaSet(name, provider, region, size string) *admin.ClusterDescription20240805 {
	return &admin.ClusterDescription20240805{
		Name:        admin.PtrString(name),
		ClusterType: admin.PtrString("REPLICASET"),
		ReplicationSpecs: &[]admin.ReplicationSpec20240805{{
			RegionConfigs: &[]admin.CloudRegionConfig20240805{{
				ProviderName: admin.PtrString(provider),
				RegionName:   admin.PtrString(region),
				Priority:     admin.PtrInt(7),
				ElectableSpecs: &admin.HardwareSpec20240805{
					InstanceSize: admin.PtrString(size),
					NodeCount:    admin.PtrInt(3),
				},
			}},
		}},
	}
}

func TestGovProjectAndClusterLifecycle(t *testing.T) {
	ctx := context.Background()
	client, groupID := govProject(t, "go-sdk-gov")

	byName, _, err := client.ProjectsApi.GetGroupByName(ctx, "go-sdk-gov").Execute()
	if err != nil || byName.GetId() != groupID {
		t.Fatalf("getProjectByName: %v %+v", err, byName)
	}
	_, _, err = client.ProjectsApi.CreateGroup(ctx, &admin.Group{Name: "go-sdk-gov", OrgId: byName.OrgId}).Execute()
	expectAtlasError(t, err, 409, "GROUP_ALREADY_EXISTS")

	created, res, err := client.ClustersApi.CreateCluster(ctx, groupID, replicaSet("gov-cluster", "AWS", "US_GOV_WEST_1", "M30")).Execute()
	if err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != http.StatusCreated || created.GetStateName() != "CREATING" {
		t.Fatalf("createCluster: %d %s", res.StatusCode, created.GetStateName())
	}
	_, _, err = client.ClustersApi.CreateCluster(ctx, groupID, replicaSet("gov-cluster", "AWS", "US_GOV_WEST_1", "M30")).Execute()
	expectAtlasError(t, err, 400, "DUPLICATE_CLUSTER_NAME")

	waitForState(t, func() (string, error) {
		c, _, err := client.ClustersApi.GetCluster(ctx, groupID, "gov-cluster").Execute()
		return c.GetStateName(), err
	}, "IDLE")
	got, _, err := client.ClustersApi.GetCluster(ctx, groupID, "gov-cluster").Execute()
	if err != nil {
		t.Fatal(err)
	}
	if got.ConnectionStrings == nil || got.ConnectionStrings.GetStandardSrv() == "" {
		t.Fatalf("an IDLE cluster has connection strings: %+v", got.ConnectionStrings)
	}
	region := got.GetReplicationSpecs()[0].GetRegionConfigs()[0]
	if region.GetRegionName() != "US_GOV_WEST_1" || region.ElectableSpecs.GetInstanceSize() != "M30" {
		t.Fatalf("the cluster reads back as created: %+v", region)
	}
	list, _, err := client.ClustersApi.ListClusters(ctx, groupID).Execute()
	if err != nil || list.GetTotalCount() != 1 {
		t.Fatalf("listClusters: %v %+v", err, list)
	}

	// A project with a cluster cannot be deleted.
	_, err = client.ProjectsApi.DeleteGroup(ctx, groupID).Execute()
	expectAtlasError(t, err, 409, "CANNOT_CLOSE_GROUP_ACTIVE_ATLAS_CLUSTERS")

	if _, err := client.ClustersApi.DeleteCluster(ctx, groupID, "gov-cluster").Execute(); err != nil {
		t.Fatal(err)
	}
	waitForState(t, func() (string, error) {
		c, _, err := client.ClustersApi.GetCluster(ctx, groupID, "gov-cluster").Execute()
		if admin.IsErrorCode(err, "CLUSTER_NOT_FOUND") {
			return "GONE", nil
		}
		return c.GetStateName(), err
	}, "GONE")

	if _, err := client.ProjectsApi.DeleteGroup(ctx, groupID).Execute(); err != nil {
		t.Fatal(err)
	}
	_, _, err = client.ProjectsApi.GetGroup(ctx, groupID).Execute()
	expectAtlasError(t, err, 404, "GROUP_NOT_FOUND")
}

// waitForState polls through the SDK, as a client waiting for a cluster does.
func waitForState(t *testing.T, read func() (string, error), want string) string {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	var last string
	for time.Now().Before(deadline) {
		state, err := read()
		if err != nil {
			t.Fatal(err)
		}
		if state == want {
			return state
		}
		last = state
		time.Sleep(250 * time.Millisecond)
	}
	t.Fatalf("still %s after 60 s, expected %s", last, want)
	return last
}

func TestGovernmentRefusals(t *testing.T) {
	ctx := context.Background()
	client, groupID := govProject(t, "go-sdk-refusals")
	create := func(c *admin.ClusterDescription20240805) error {
		_, _, err := client.ClustersApi.CreateCluster(ctx, groupID, c).Execute()
		return err
	}

	expectAtlasError(t, create(replicaSet("m10", "AWS", "US_GOV_WEST_1", "M10")), 400, "INSUFFICIENT_INSTANCE_SIZE", "M20")
	expectAtlasError(t, create(replicaSet("azure", "AZURE", "US_GOV_WEST_1", "M30")), 400, "INVALID_PROVIDER", "AZURE")
	expectAtlasError(t, create(replicaSet("commercial", "AWS", "US_EAST_1", "M30")), 409, "REGION_UNAVAILABLE", "US_EAST_1")
	expectAtlasError(t, create(replicaSet("europe", "AWS", "EU_WEST_1", "M30")), 400, "INVALID_REGION", "EU_WEST_1", "AWS")
	geo := replicaSet("geo", "AWS", "US_GOV_WEST_1", "M30")
	geo.ClusterType = admin.PtrString("GEOSHARDED")
	expectAtlasError(t, create(geo), 403, "FEATURE_UNSUPPORTED")
	azureKeys := replicaSet("azure-keys", "AWS", "US_GOV_WEST_1", "M30")
	azureKeys.EncryptionAtRestProvider = admin.PtrString("AZURE")
	expectAtlasError(t, create(azureKeys), 400, "INVALID_ENCRYPTION_AT_REST_PROVIDER", "AZURE")

	// Flex clusters do not exist on Atlas for Government.
	_, _, err := client.FlexClustersApi.ListFlexClusters(ctx, groupID).Execute()
	expectAtlasError(t, err, 403, "FEATURE_UNSUPPORTED")

	// A database user with a password gets SCRAM-SHA-256 only; a data lake scope is
	// a feature Atlas for Government does not offer.
	_, _, err = client.DatabaseUsersApi.CreateDatabaseUser(ctx, groupID, &admin.CloudDatabaseUser{
		DatabaseName: "admin",
		GroupId:      groupID,
		Username:     "lake-user",
		Password:     admin.PtrString("a-long-enough-password"),
		Roles:        []admin.DatabaseUserRole{{DatabaseName: "admin", RoleName: "readAnyDatabase"}},
		Scopes:       &[]admin.UserScope{{Name: "lake", Type: "DATA_LAKE"}},
	}).Execute()
	expectAtlasError(t, err, 403, "FEATURE_UNSUPPORTED")

	clusters, _, err := client.ClustersApi.ListClusters(ctx, groupID).Execute()
	if err != nil || clusters.GetTotalCount() != 0 {
		t.Fatalf("a refused request creates nothing: %v %d", err, clusters.GetTotalCount())
	}
}

func TestDatabaseUsers(t *testing.T) {
	ctx := context.Background()
	client, groupID := govProject(t, "go-sdk-users")
	user := &admin.CloudDatabaseUser{
		DatabaseName: "admin",
		GroupId:      groupID,
		Username:     "app",
		Password:     admin.PtrString("correct-horse-battery"),
		Roles:        []admin.DatabaseUserRole{{DatabaseName: "sales", RoleName: "readWrite"}},
	}
	created, res, err := client.DatabaseUsersApi.CreateDatabaseUser(ctx, groupID, user).Execute()
	if err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != http.StatusCreated || created.GetUsername() != "app" || created.Password != nil {
		t.Fatalf("createDatabaseUser: %d %+v", res.StatusCode, created)
	}
	_, _, err = client.DatabaseUsersApi.CreateDatabaseUser(ctx, groupID, user).Execute()
	expectAtlasError(t, err, 409, "USER_ALREADY_EXISTS")

	weak := *user
	weak.Username, weak.Password = "weak", admin.PtrString("short")
	_, _, err = client.DatabaseUsersApi.CreateDatabaseUser(ctx, groupID, &weak).Execute()
	expectAtlasError(t, err, 400, "WEAK_PASSWORD")

	update := &admin.CloudDatabaseUser{
		DatabaseName: "admin",
		GroupId:      groupID,
		Username:     "app",
		Roles:        []admin.DatabaseUserRole{{DatabaseName: "admin", RoleName: "readAnyDatabase"}},
	}
	updated, _, err := client.DatabaseUsersApi.UpdateDatabaseUser(ctx, groupID, "admin", "app", update).Execute()
	if err != nil {
		t.Fatal(err)
	}
	if roles := updated.GetRoles(); len(roles) != 1 || roles[0].RoleName != "readAnyDatabase" {
		t.Fatalf("updateDatabaseUser: %+v", roles)
	}
	got, _, err := client.DatabaseUsersApi.GetDatabaseUser(ctx, groupID, "admin", "app").Execute()
	if err != nil || got.GetRoles()[0].RoleName != "readAnyDatabase" {
		t.Fatalf("getDatabaseUser reads the update: %v %+v", err, got)
	}
	list, _, err := client.DatabaseUsersApi.ListDatabaseUsers(ctx, groupID).Execute()
	if err != nil || list.GetTotalCount() != 1 {
		t.Fatalf("listDatabaseUsers: %v %+v", err, list)
	}

	if _, err := client.DatabaseUsersApi.DeleteDatabaseUser(ctx, groupID, "admin", "app").Execute(); err != nil {
		t.Fatal(err)
	}
	_, _, err = client.DatabaseUsersApi.GetDatabaseUser(ctx, groupID, "admin", "app").Execute()
	expectAtlasError(t, err, 404, "USERNAME_NOT_FOUND")
}

func TestProjectIPAccessList(t *testing.T) {
	ctx := context.Background()
	client, groupID := govProject(t, "go-sdk-access")
	entries := &[]admin.NetworkPermissionEntry{
		{CidrBlock: admin.PtrString("10.0.0.0/16"), Comment: admin.PtrString("office")},
		{IpAddress: admin.PtrString("192.0.2.7")},
	}
	page, _, err := client.ProjectIPAccessListApi.CreateAccessListEntry(ctx, groupID, entries).Execute()
	if err != nil {
		t.Fatal(err)
	}
	if page.GetTotalCount() != 2 {
		t.Fatalf("createProjectIpAccessList: %+v", page.GetResults())
	}
	entry, _, err := client.ProjectIPAccessListApi.GetAccessListEntry(ctx, groupID, "10.0.0.0/16").Execute()
	if err != nil || entry.GetComment() != "office" {
		t.Fatalf("getProjectIpList: %v %+v", err, entry)
	}
	status, _, err := client.ProjectIPAccessListApi.GetAccessListStatus(ctx, groupID, "192.0.2.7").Execute()
	if err != nil || status.GetSTATUS() == "" {
		t.Fatalf("getProjectIpAccessListStatus: %v %+v", err, status)
	}

	_, _, err = client.ProjectIPAccessListApi.CreateAccessListEntry(ctx, groupID, &[]admin.NetworkPermissionEntry{{CidrBlock: admin.PtrString("10.0.0.300/16")}}).Execute()
	expectAtlasError(t, err, 400, "INVALID_CIDR_BLOCK")

	if _, err := client.ProjectIPAccessListApi.DeleteAccessListEntry(ctx, groupID, "10.0.0.0/16").Execute(); err != nil {
		t.Fatal(err)
	}
	_, _, err = client.ProjectIPAccessListApi.GetAccessListEntry(ctx, groupID, "10.0.0.0/16").Execute()
	expectAtlasError(t, err, 404, "ATLAS_NETWORK_PERMISSION_ENTRY_NOT_FOUND")
	list, _, err := client.ProjectIPAccessListApi.ListAccessListEntries(ctx, groupID).Execute()
	if err != nil || list.GetTotalCount() != 1 {
		t.Fatalf("listProjectIpAccessLists after a delete: %v %+v", err, list)
	}
}

func TestUnknownProjectIsGroupNotFound(t *testing.T) {
	client := digestClient(t, sim.Tenant.APIKey.PublicKey, sim.Tenant.APIKey.PrivateKey)
	id := fmt.Sprintf("%024x", 7)
	_, _, err := client.ClustersApi.ListClusters(context.Background(), id).Execute()
	expectAtlasError(t, err, 404, "GROUP_NOT_FOUND", id)
}
