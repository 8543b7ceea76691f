import { CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from './user.entity';

/** A coordinator's right in one region (granted by an admin). */
@Entity({ name: 'coordinator_region' })
export class CoordinatorRegion {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_coordinator_region' })
  userId: string;

  @PrimaryColumn({ type: 'varchar', length: 64, primaryKeyConstraintName: 'pk_coordinator_region' })
  regionCode: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_coordinator_region_user' })
  user?: User;

  // The catalogue's region, named (not imported): identity comes before catalog in the context order.
  @ManyToOne('Region', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_code', foreignKeyConstraintName: 'fk_coordinator_region_region' })
  region?: { code: string };
}
