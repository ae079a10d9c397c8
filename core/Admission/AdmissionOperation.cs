namespace Netguard.Core.Admission;

public enum AdmissionOperation
{
    Create,
    Update,
    Delete,
    Connect,
}
