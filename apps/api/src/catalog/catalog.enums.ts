import { registerEnumType } from '@nestjs/graphql';
import { ActivityType, DeliveryMode, OfferStatus, RequestStatus } from '@brobygge/catalog';

registerEnumType(ActivityType, { name: 'ActivityType' });
registerEnumType(DeliveryMode, { name: 'DeliveryMode', description: 'Where the activity happens.' });
registerEnumType(OfferStatus, { name: 'OfferStatus' });
registerEnumType(RequestStatus, { name: 'RequestStatus' });

export { ActivityType, DeliveryMode, OfferStatus, RequestStatus };
