namespace Netguard.Core.JsonPatch;

/// <summary>A patch that cannot be applied (bad pointer, missing target, failed test, malformed operation).</summary>
public sealed class JsonPatchException : Exception
{
    public JsonPatchException()
    {
    }

    public JsonPatchException(string message)
        : base(message)
    {
    }

    public JsonPatchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
