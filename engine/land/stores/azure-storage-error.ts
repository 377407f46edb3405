/**
 * Errors of the Azure stores (Blob and Data Lake): each names the account, file system and path,
 * with what to check for the errors people meet when setting up a connection.
 */
import type { AdlsConnection } from '../azure-client.ts';

/** What error messages name. */
export interface Where {
  /** The lake connection's name. */
  readonly name: string;
  readonly account: string;
  readonly fileSystem: string;
  readonly endpoint: string;
  readonly hierarchicalNamespace: boolean;
}

/** Where a connection's store points, for its error messages. */
export function whereOf(connection: AdlsConnection, endpoint: string): Where {
  return { name: connection.name, account: connection.account, fileSystem: connection.fileSystem, endpoint, hierarchicalNamespace: connection.hierarchicalNamespace };
}

/** Advice when the service client cannot even be made (the connection string is the usual cause). */
export function connectAdvice(connection: AdlsConnection): string | undefined {
  return connection.credential.kind === 'connectionString'
    ? 'check the connection string: it needs AccountName and AccountKey (with DefaultEndpointsProtocol), or BlobEndpoint and SharedAccessSignature'
    : undefined;
}

export const ignoreNotFound = (error: unknown) => {
  if (errorCode(error) !== 'BlobNotFound') throw error;
};

export function errorCode(error: unknown): string | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const { code, details } = error as { code?: unknown; details?: { errorCode?: unknown } };
  if (typeof details?.errorCode === 'string') return details.errorCode;
  return typeof code === 'string' ? code : undefined;
}

/** What to check, for the errors people meet when setting up a connection. */
function hint(where: Where, error: unknown): string | undefined {
  const code = errorCode(error);
  const status = (error as { statusCode?: number } | undefined)?.statusCode;
  const name = (error as { name?: string } | undefined)?.name;
  if (code === 'ContainerNotFound' || code === 'FilesystemNotFound') {
    return `container "${where.fileSystem}" does not exist in account "${where.account}": create it or check fileSystem`;
  }
  if (name === 'CredentialUnavailableError' || name === 'AuthenticationRequiredError') {
    return 'no Azure sign-in is available for the azure-default credential: sign in (az login), use a managed identity, or choose another credential';
  }
  if (code === 'AuthenticationFailed' || code === 'InvalidAuthenticationInfo') {
    return 'the storage account rejected the credential: check the account name and the account key, SAS token or connection string (a SAS may have expired)';
  }
  if (status === 403) {
    return 'the storage account refused the request: check the credential (account key, SAS token or connection string), ' +
      'what it may do (the "Storage Blob Data Contributor" role, or a SAS allowing read, add, create, write, delete and list) ' +
      "and the account's network rules";
  }
  if (code === 'ENOTFOUND' || code === 'ECONNREFUSED' || code === 'EAI_AGAIN' || code === 'REQUEST_SEND_ERROR' || code === 'ETIMEDOUT') {
    return `could not reach ${where.endpoint}: check the account name, the endpoint and the network`;
  }
  if (where.hierarchicalNamespace && (status === 400 || code === 'EndpointUnsupported' || code === 'FeatureNotSupported')) {
    return 'the service did not accept a Data Lake (DFS) call: check hierarchicalNamespace (set it to false for an account without hierarchical namespace, or for an emulator such as Azurite)';
  }
  return undefined;
}

/** An error naming the account, file system and path; aborts pass through unchanged. */
export function storageError(where: Where, action: string, path: string, error: unknown, advice = hint(where, error)): unknown {
  if ((error as { name?: string } | undefined)?.name === 'AbortError') return error;
  if (error instanceof AzureLanderError) return error;
  const full = error instanceof Error ? error.message : String(error);
  // Some Data Lake errors carry the service's XML body as their message.
  const firstLine = (/<Message>([^<]*)<\/Message>/.exec(full)?.[1] ?? full).split('\n')[0]!.trim();
  const status = (error as { statusCode?: number } | undefined)?.statusCode;
  const code = errorCode(error);
  const detail = [status, code].filter((part) => part !== undefined).join(' ');
  const said = [detail, firstLine].filter(Boolean).join(': ');
  const message = `Azure lander could not ${action} ${where.account}/${where.fileSystem}/${path}: ` +
    [advice && `${advice}.`, said && `(${said})`].filter(Boolean).join(' ');
  return new AzureLanderError(message, { cause: error });
}

class AzureLanderError extends Error {
  override readonly name = 'AzureLanderError';
}

/**
 * A store operation that got no answer within its bound (see `LakeTimeouts`). Its code is the one
 * the service itself gives a request it timed out, so retries treat both alike.
 */
export class LakeTimeoutError extends Error {
  override readonly name = 'LakeTimeoutError';
  readonly code = 'OperationTimedOut';
  constructor(where: Where, ms: number, cause: unknown) {
    super(`lake connection "${where.name}" (${where.endpoint}) did not answer within ${ms / 1000} s`, { cause });
  }
}
